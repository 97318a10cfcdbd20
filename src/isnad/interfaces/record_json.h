// The analysis record (../shared/eval/FORMAT.md), one JSON object a line.
//
// CONTRACT
//   WriteRecord() appends one line: doc_id, title, date (ISO or null),
//   date_text, calendar, authors, entities, quotes, relations, plus `source`
//   and `url` when the input gave them and `isnad`, the engine version and
//   resource fingerprints that produced it. Offsets are Unicode code points
//   into the text as read (decoded, BOM dropped, CRLF turned into LF),
//   end exclusive. With `text_layers`, the record also carries `sentences`
//   and `tokens` (with their clitic segments and stems), for inspection.
#pragma once

#include <string>

#include "isnad/document/document.h"

namespace isnad {

struct RecordOptions {
  bool text_layers = false;
  std::string provenance;  // written as "isnad" when not empty
};

void WriteRecord(const Document& doc, const RecordOptions& options, std::string& out);

// Appends `s` as a JSON string literal (s must be valid UTF-8).
void AppendJsonString(std::string_view s, std::string& out);

}  // namespace isnad
