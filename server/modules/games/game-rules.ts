/** The one small interface every game's pure rules implement (gomoku/rules.ts is the first). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** What the next move leads to, or why it is refused. */
export type PlayResult =
  { readonly ok: true; readonly outcome: 'continue' | 'win' | 'draw' } | { readonly ok: false; readonly reason: 'off_board' | 'occupied' };

export interface GameRules {
  readonly id: string;
  readonly name: string;
  readonly players: number;
  /** board[y][x] after `moves`: 0 empty, k + 1 for player k's pieces (players take turns from player 0). */
  board(moves: readonly Point[]): number[][];
  /** Judges `next`, played by whoever's turn it is after `moves`. */
  play(moves: readonly Point[], next: Point): PlayResult;
}
