export declare function requestHead(method: string, href: () => string, headers: () => Headers, full: () => Request): Request;
