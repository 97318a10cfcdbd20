// Reading reports from files, folders and standard input.
//
// WHAT IT TAKES
//   Paths: .txt files (one report each: headline, optional date line and
//   byline, body), .html/.htm files (markup removed), .jsonl and .jsonl.gz
//   files (one report a line: id, text, optional title, date, source, url),
//   folders (read recursively in name order; files of other kinds are passed
//   over quietly, e.g. the .gold.json files beside reports), and "-" for
//   standard input (JSONL when it starts with '{', else one text report).
// WHAT IT GIVES
//   RawReports with valid UTF-8 text, one at a time (streaming: a JSONL file
//   of any size is read line by line, so memory stays bounded).
// WHAT IT GUARANTEES
//   Every problem is reported to Diagnostics naming the file and line, and
//   the rest of the input is still read: invalid UTF-8 (repaired, warning),
//   Windows-1256 (converted, note), BOM and CRLF (handled silently), empty
//   and binary files, JSONL lines that are not JSON or lack text, reports or
//   lines over the size limit (skipped, error). Nothing is dropped silently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "isnad/base/diagnostics.h"
#include "isnad/document/document.h"

namespace isnad {

struct ReaderOptions {
  // Largest report (a .txt file, or one JSONL line) that is read; larger
  // ones are skipped with an error, never loaded whole.
  uint64_t max_report_bytes = 32ull << 20;
};

class ReportReader {
 public:
  ReportReader(std::vector<std::string> inputs, ReaderOptions options, Diagnostics& diagnostics);
  ~ReportReader();

  // Fills `out` with the next report; false at the end of all input.
  bool Next(RawReport& out);

  uint64_t files_read() const { return files_read_; }

 private:
  class LineStream;
  bool OpenNextInput();
  bool NextFromJsonl(RawReport& out);
  bool ReadWholeReport(const std::string& path, RawReport& out);

  ReaderOptions options_;
  Diagnostics& diagnostics_;
  std::vector<std::string> pending_;  // inputs still to expand or read, reversed
  std::unique_ptr<LineStream> jsonl_;
  std::string jsonl_origin_;
  uint64_t line_number_ = 0;
  uint64_t files_read_ = 0;
};

// True for the file kinds a folder walk picks up.
bool IsReportFileName(const std::string& name);

// Strips markup from an HTML page: scripts, styles and comments dropped,
// block elements turned into line breaks, entities decoded; the <title> (or
// first <h1>) becomes the first line.
std::string HtmlToText(std::string_view html);
bool LooksLikeHtml(std::string_view text);

}  // namespace isnad
