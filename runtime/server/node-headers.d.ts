export declare class NodeHeaders extends Headers {
    #private;
    constructor(raw: readonly string[]);
    get(name: string): string | null;
}
