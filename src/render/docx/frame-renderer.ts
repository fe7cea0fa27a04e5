/**
 * The template's frame (the small work package of template-package.ts), compiled by docxtemplater
 * once per template and thread, then rendered once per report.
 *
 * docxtemplater compiles a package in its constructor (parse the XML, find the tags, expand the
 * loops) and then refuses a second `render`. Compiling again for every report cost ~3 ms of a
 * report's ~12 ms of rendering, and its run-once code kept V8's optimising compiler busy on the
 * worker threads (measured: issue 12). Rendering does not change the compiled template: each
 * `render` builds a fresh scope from the data and new output strings, and writes them into the
 * work zip, whose template text was read at compile time. So a compiled instance is rendered
 * again after clearing what docxtemplater keeps from the last render: the `rendered` flag, the
 * `mapper` and the `scopeManagers` (both hold the last data). Any error drops the instance (a
 * failed render leaves its errors in the compiled parts); the next report compiles a fresh one.
 * `test/render-docx.test.ts` checks a report rendered after others (and after a failed one) has
 * the bytes of a fresh instance.
 */
import PizZip from 'pizzip';
import type DocxtemplaterType from 'docxtemplater';
import { Docxtemplater } from './docxtemplater-library.js';

interface MissingTagPart {
  value: string;
  module?: string;
}

function tagWithPrefix(part: MissingTagPart): string {
  if (part.module === 'loop') return `#${part.value}`;
  if (part.module === 'rawxml') return `@${part.value}`;
  return part.value;
}

/** What docxtemplater keeps between renders (not in its typings). */
interface RenderState {
  rendered: boolean;
  mapper?: unknown;
  scopeManagers: Record<string, unknown>;
}

export interface RenderedFrame {
  /** The rendered package (the work package with the tagged parts rendered). */
  zip: PizZip;
  /** Tags the template uses that the data has no value for, with their loop/raw prefix. */
  missing: Set<string>;
}

class CompiledFrame {
  private readonly zip: PizZip;
  private readonly doc: DocxtemplaterType;
  private missing = new Set<string>();

  constructor(workBytes: Uint8Array) {
    this.zip = new PizZip(workBytes);
    this.doc = new Docxtemplater(this.zip, {
      paragraphLoop: true,
      linebreaks: true,
      stripInvalidXMLChars: true,
      errorLogging: false,
      // Never print "undefined": remember the tag, leave it empty, report after rendering.
      nullGetter: (part) => {
        this.missing.add(tagWithPrefix(part as MissingTagPart));
        return '';
      },
    });
  }

  render(data: object): RenderedFrame {
    this.missing = new Set();
    const state = this.doc as unknown as RenderState;
    state.rendered = false;
    delete state.mapper;
    state.scopeManagers = {};
    this.doc.render(data);
    return { zip: this.zip, missing: this.missing };
  }
}

const compiled = new WeakMap<Uint8Array, CompiledFrame>();

/**
 * Renders `data` into the frame whose work package is `workBytes`; throws docxtemplater's errors
 * (a template that does not compile, or data it cannot render). The returned zip is valid until the
 * next call for the same template: read what you need from it first.
 */
export function renderFrame(workBytes: Uint8Array, data: object): RenderedFrame {
  let frame = compiled.get(workBytes);
  try {
    if (!frame) {
      frame = new CompiledFrame(workBytes);
      compiled.set(workBytes, frame);
    }
    return frame.render(data);
  } catch (error) {
    compiled.delete(workBytes);
    throw error;
  }
}
