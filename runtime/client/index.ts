// mizan/client: filled by its own issue.
export {};
