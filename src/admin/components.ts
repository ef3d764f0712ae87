import type { Field } from 'payload'

/** Where the host app's import map finds the plugin's client components (the package's `./client` export). */
export const CLIENT_COMPONENTS = 'payload-plugin-podcast/client'

/** The merge action in a speaker's or guest's sidebar (admin/MergePeople); the endpoint decides who may. */
export const mergeField: Field = {
  name: 'mergeInto',
  type: 'ui',
  admin: { components: { Field: `${CLIENT_COMPONENTS}#MergePeople` }, disableListColumn: true, position: 'sidebar' },
}
