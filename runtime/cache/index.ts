// mizan/cache: filled by its own issue.
export {};
