// The head of a report: headline, date line and byline.
//
// CONTRACT
//   ReadHeader() reads a report whose text starts with its headline (the
//   .txt convention: headline, then a date line and a byline near the top
//   when the outlet gives them, then the body). The title is the first
//   non-empty line. The date and authors are looked for only in the short
//   lines right after it, up to the first body paragraph: dates of events
//   inside the body are never the report's date.
//   For JSONL reports, whose text is the body, ReadHeaderFields() uses the
//   title and date fields, and looks at the top lines of the text only when
//   the date field is missing.
#pragma once

#include <string>
#include <string_view>

#include "isnad/base/status.h"
#include "isnad/document/dates.h"
#include "isnad/document/document.h"

namespace isnad {

struct BylineLexicon {
  WordTable genre;    // words that name the kind of piece, not a person
  WordTable markers;  // words that introduce an author (bi-qalam, kataba)
  static Status Load(const std::string& path, BylineLexicon& out);
};

struct HeaderLexicons {
  DateLexicon dates;
  BylineLexicon byline;
  static Status Load(const std::string& resource_dir, HeaderLexicons& out);
};

// Fills title, title_span, date and authors of `doc` from doc.text.
void ReadHeader(const HeaderLexicons& lex, Document& doc);

// For reports that arrive with fields (JSONL): title and date from the
// fields, falling back to the text's top lines for the date.
void ReadHeaderFields(const HeaderLexicons& lex, const RawReport& raw, Document& doc);

// Author names in one byline line, or empty when the line is not a byline.
std::vector<std::string> ParseByline(std::string_view line, const BylineLexicon& lex);

}  // namespace isnad
