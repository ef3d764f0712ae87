/** The key of the plugin's script in Payload's bin: `npx payload podcast …`. */
export const PAYLOAD_BIN_KEY = 'podcast'
