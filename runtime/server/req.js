/**
 * `request` is a getter so the node:http entry builds a Request only when a
 * function reads it; on a class, so every req shares one hidden shape.
 */
class LazyReq {
    user;
    load;
    constructor(user, load) {
        this.user = user;
        this.load = load;
    }
    get request() {
        return this.load();
    }
}
export function makeReq(user, request) {
    return new LazyReq(user, request);
}
