export declare const ERROR_STATUS: {
    readonly bad_request: 400;
    readonly unauthorized: 401;
    readonly forbidden: 403;
    readonly not_found: 404;
    readonly method_not_allowed: 405;
    readonly request_timeout: 408;
    readonly conflict: 409;
    readonly payload_too_large: 413;
    readonly unsupported_media_type: 415;
    readonly unprocessable_content: 422;
    readonly too_many_requests: 429;
    readonly internal: 500;
    readonly service_unavailable: 503;
};
export type ErrorCode = keyof typeof ERROR_STATUS;
export interface ErrorIssue {
    path: (string | number)[];
    message: string;
    code?: string;
}
export interface ErrorBody {
    error: {
        code: ErrorCode;
        message: string;
        issues?: ErrorIssue[];
    };
}
