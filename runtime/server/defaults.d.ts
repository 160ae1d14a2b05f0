export declare const DEFAULT_S_MAXAGE = 60;
export declare const DEFAULT_STALE_WHILE_REVALIDATE = 60;
export declare const DEFAULT_BODY_LIMIT: number;
