/**
 * Reads Parquet back with a reader independent of the writer: parquet-wasm is the Apache Arrow Rust
 * implementation (arrow-rs, the reference for DataFusion and Polars) compiled to WebAssembly, with
 * apache-arrow turning its Arrow IPC output into JavaScript values. hyparquet, by the writer's author,
 * is not used here: a misreading shared by writer and reader would go unseen.
 */
import { tableFromIPC } from 'apache-arrow';
import { ParquetFile, readParquet } from 'parquet-wasm';

export interface ReadBack {
  fields: { name: string; type: string; nullable: boolean }[];
  numRows: number;
  /** Row `i` as a plain object (dates as milliseconds since 1970, int64 as bigint). */
  row(i: number): Record<string, unknown>;
}

export function readBack(bytes: Uint8Array): ReadBack {
  const table = tableFromIPC(readParquet(bytes).intoIPCStream());
  return {
    fields: table.schema.fields.map((f) => ({ name: f.name, type: String(f.type), nullable: f.nullable })),
    numRows: table.numRows,
    row: (i) => ({ ...table.get(i)!.toJSON() }),
  };
}

export async function readFooter(bytes: Uint8Array) {
  const file = await ParquetFile.fromFile(new Blob([bytes.slice()]));
  const metadata = file.metadata();
  return {
    createdBy: metadata.fileMetadata().createdBy(),
    numRows: metadata.fileMetadata().numRows(),
    rowsPerGroup: metadata.rowGroups().map((g) => g.numRows()),
    keyValueMetadata: metadata.fileMetadata().keyValueMetadata(),
  };
}
