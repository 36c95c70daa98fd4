// lib/csv.mjs quotes exactly what RFC 4180 says must be quoted, and a reader gets every value back.
import { expect, test } from "vitest";
import { csvField, csvRecord } from "../lib/csv.mjs";
import { parseCsv } from "./csv-parse.js";

test("plain values are written as they are; absent values as empty fields", () => {
  expect(csvRecord([10241, "Northwind Voice", undefined, null, "leo@example.com"])).toBe("10241,Northwind Voice,,,leo@example.com\r\n");
});

test("commas, double quotes, CR and LF are quoted, with quotes doubled", () => {
  expect(csvField("63 Wanghai Road, Xiamen, China")).toBe('"63 Wanghai Road, Xiamen, China"');
  expect(csvField('The "Key" account')).toBe('"The ""Key"" account"');
  expect(csvField("line one\nline two")).toBe('"line one\nline two"');
  expect(csvField("a\r\nb")).toBe('"a\r\nb"');
  expect(csvField("O'Brien & Co")).toBe("O'Brien & Co");
});

test("every value survives a round trip through a strict reader", () => {
  const awkward = ['"', '""', ",", "\r\n", "\n", " padded ", "Zoë", "=1+1", "", "a,\"b\"\nc"];
  const records = parseCsv(csvRecord(awkward) + csvRecord(["x", 1, undefined]));
  expect(records).toEqual([awkward, ["x", "1", ""]]);
});
