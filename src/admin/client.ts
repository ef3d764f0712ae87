// The admin's client components, imported by path (`payload-plugin-podcast/client#…`) from the import map.
export { BulkImportFiles } from './BulkImportFiles.tsx'
export { MergePeople } from './MergePeople.tsx'
