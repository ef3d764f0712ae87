/**
 * What the plugin's hooks tell each other through `req.context`, typed for every
 * hook by augmenting Payload's `RequestContext`.
 */
declare module 'payload' {
  interface RequestContext {
    /** Speakers of an episode's turns deleted with it, for the afterDelete appearance sync. */
    podcastDeletedTurnSpeakers?: (number | string)[]
    /** Set by writers that sync guest and speaker visibility once themselves (the importer). */
    podcastDeferAppearanceSync?: boolean
    /**
     * Set by the importer around creating an episode whose revision it attaches and syncs itself
     * afterwards: until then the hook's sync would find no revision of the new episode.
     */
    podcastDeferRevisionSync?: boolean
    /** Whether the running episode write is a draft save (Payload does not tell change hooks). */
    podcastEpisodeDraftSave?: boolean
    /** Staff names by id, loaded once per request for the workflow history. */
    podcastStaffNames?: Promise<Map<string, string>>
    /**
     * Set around a read the plugin makes for itself under the reader's access (the feed lists every
     * published episode of a show): the page-size bound is for what clients ask, not for it.
     */
    podcastWholeList?: boolean
    /** Set by callers that authorised the write themselves (the importer, within the user's rights). */
    podcastTrustedWrite?: boolean
  }
}

export {}
