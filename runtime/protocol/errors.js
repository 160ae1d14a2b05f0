// The error body every endpoint answers with (PROTOCOL §3).
export const ERROR_STATUS = {
    bad_request: 400,
    unauthorized: 401,
    forbidden: 403,
    not_found: 404,
    method_not_allowed: 405,
    request_timeout: 408,
    payload_too_large: 413,
    unsupported_media_type: 415,
    internal: 500,
};
