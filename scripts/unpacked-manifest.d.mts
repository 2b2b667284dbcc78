/** Types of unpacked-manifest.mjs (imported by scripts/build.mjs and by its unit test). */
export declare const UNPACKED: readonly string[];
export declare function unpackedManifest(root: string, patterns?: readonly string[]): Record<string, string>;
