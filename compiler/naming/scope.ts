// The identifiers of one generated file, claimed one at a time: a name is
// given out once, and a taken one gets the first free `_2`, `_3`...
export class Scope {
  private readonly taken: Set<string>;

  constructor(taken: Iterable<string>) {
    this.taken = new Set(taken);
  }

  /** `base`, or the first of `base_2`, `base_3`... not taken; taken from now on. */
  claim(base: string): string {
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}_${n}`;
    this.taken.add(name);
    return name;
  }
}
