/**
 * Clusters from accepted pairs by transitive closure (union–find with path halving).
 *
 * @example
 * const c = new UnionFind(4);
 * c.union(0, 1); c.union(1, 2);
 * c.find(2) === c.find(0); // true
 */

export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    let v = x;
    while (this.parent[v] !== v) {
      const p = this.parent[v] as number;
      this.parent[v] = this.parent[p] as number;
      v = this.parent[v] as number;
    }
    return v;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.size[ra] as number) < (this.size[rb] as number)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] as number) + (this.size[rb] as number);
  }
}
