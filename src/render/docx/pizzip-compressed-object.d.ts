/** PizZip's internal entry class (see CompressedEntry in package.ts for the fields baocao sets). */
declare module 'pizzip/js/compressedObject.js' {
  const CompressedObject: new () => object;
  export default CompressedObject;
}
