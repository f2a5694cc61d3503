/**
 * Per-document facts in flat typed arrays indexed by document number, so that the scoring loop
 * touches no objects or maps: liveness, publication time, outlet, story, the per-field lengths BM25
 * needs and how many postings the document has (to know when removed ones are worth compacting).
 * Arrays grow by doubling.
 */
export class DocTable {
  capacity = 0;
  ids: (string | undefined)[] = [];
  alive = new Uint8Array(0);
  /** Epoch ms; NaN when undated. */
  published = new Float64Array(0);
  source = new Int32Array(0);
  story = new Int32Array(0);
  fieldLength: Float32Array[] = [];
  postingCount = new Uint32Array(0);

  constructor(readonly fields: number) {
    this.fieldLength = Array.from({ length: fields }, () => new Float32Array(0));
  }

  ensure(doc: number): void {
    if (doc < this.capacity) return;
    let capacity = Math.max(1024, this.capacity);
    while (capacity <= doc) capacity *= 2;
    this.alive = grow(this.alive, capacity);
    this.published = grow(this.published, capacity);
    this.source = grow(this.source, capacity);
    this.story = grow(this.story, capacity);
    this.postingCount = grow(this.postingCount, capacity);
    this.fieldLength = this.fieldLength.map((a) => grow(a, capacity));
    this.capacity = capacity;
  }
}

type TypedArray = Uint8Array | Float64Array | Int32Array | Float32Array | Uint32Array;

export function grow<T extends TypedArray>(array: T, length: number): T {
  const grown = new (array.constructor as new (n: number) => T)(length);
  grown.set(array);
  return grown;
}

/** Interns strings to small integers (outlets, stories), so arrays can hold them. */
export class Interner {
  readonly #index = new Map<string, number>();
  readonly values: string[] = [];

  get size(): number {
    return this.values.length;
  }

  idOf(value: string): number {
    let id = this.#index.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.#index.set(value, id);
    }
    return id;
  }

  find(value: string): number | undefined {
    return this.#index.get(value);
  }
}
