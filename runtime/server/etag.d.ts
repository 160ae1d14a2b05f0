export declare function strongEtag(body: string): string;
export declare function noneMatch(header: string | null, etag: string): boolean;
