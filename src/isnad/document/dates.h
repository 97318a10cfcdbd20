// Reading a report's own date from a dateline, in either calendar.
//
// CONTRACT
//   FindDate() looks for one date in a short piece of text (a date line):
//   numeric dates (06/01/2017 is day/month, as Arabic outlets write it;
//   2015-08-04 is ISO), day + month name + year in the Gregorian series
//   (Egyptian/Gulf, Levantine, Maghreb) or the Hijri one, with weekday names
//   and calendar markers (1436 AH, 2015 AD) allowed. Hijri dates are
//   converted with ICU's Umm al-Qura calendar. When a line gives both (a
//   Hijri date "corresponding to" a Gregorian one) the Gregorian one wins:
//   it is what the outlet printed for readers of the Gregorian calendar, and
//   needs no conversion.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/document/document.h"
#include "isnad/text/lexicon.h"

namespace isnad {

struct DateLexicon {
  // Month names (Matching-normalized, words joined by a space) -> month
  // number, with +100 for Hijri months.
  WordTable months;
  size_t longest_month_words = 1;
  WordTable weekdays;
  WordTable hijri_markers;
  WordTable gregorian_markers;

  static Status Load(const std::string& path, DateLexicon& out);
  static Status FromResource(const ResourceFile& file, DateLexicon& out);
};

struct FoundDate {
  ReportDate date;
  uint32_t begin = 0;  // byte span of the date within the searched text
  uint32_t end = 0;
};

std::optional<FoundDate> FindDate(std::string_view text, const DateLexicon& lexicon);

// ISO 8601: YYYY-MM-DD, or YYYY-MM when the day is 0 and YYYY when the
// month is 0 too (an event dated "in May 2016" or "last year").
std::string IsoDate(const ReportDate& date);

// A number written in ASCII or Arabic-Indic digits; -1 when `digits` is not one.
int ParseNumber(std::string_view digits);
// Days in a Gregorian month (1-12), leap years counted.
int DaysInMonth(int year, int month);

// Umm al-Qura Hijri date -> Gregorian; false when the date does not exist.
bool HijriToGregorian(int year, int month, int day, int& gy, int& gm, int& gd);
bool IsValidGregorian(int year, int month, int day);

}  // namespace isnad
