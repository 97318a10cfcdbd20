// When a sentence says an event happened, resolved against the report's date.
//
// WHAT IT TAKES
//   A Document with its text analysed and its own date read, and one of its
//   sentences.
// WHAT IT GIVES
//   The first time expression of the sentence, as a date: "today",
//   "yesterday", "the day before yesterday", a weekday ("on Monday", "last
//   Monday": the latest such day on or before, or before, the report's
//   date), "last week / month / year", "N days / weeks / months / years
//   ago" (mundhu, qabla; duals count two), a month with or without a day
//   and a year ("fi Mayu 2016", "19 Yulyu": the latest such date not after
//   the report's), or a year after fi/am/khilal. Month-level and year-level
//   expressions give a date with day 0, or month and day 0 (written
//   YYYY-MM and YYYY). Words come from resources/claims/time.txt and the
//   month names of resources/document/dates.txt (Hijri months are left
//   alone: a Hijri month without a year is ambiguous).
//   Without a report date only absolute expressions resolve.
//
// THREAD SAFETY
//   Immutable after loading.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/document/dates.h"
#include "isnad/document/document.h"
#include "isnad/text/lexicon.h"

namespace isnad {

class EventDater {
 public:
  static Status Load(const std::string& resource_dir, EventDater& out);
  static Status FromResources(const ResourceFile& time, const ResourceFile& dates, EventDater& out);

  std::optional<ReportDate> Resolve(const Document& doc, const Sentence& sentence) const;

  // Calendar arithmetic on Gregorian dates (exposed for tests).
  static ReportDate AddDays(ReportDate d, int days);
  static int Weekday(const ReportDate& d);  // 0 = Sunday

 private:
  enum Kind : uint32_t { kDays = 1, kWeekday, kUnitDay, kUnitWeek, kUnitMonth, kUnitYear, kAgo, kPast, kYearIntro };
  // Normalized phrase (words joined by a space) -> kind << 8 | value.
  WordTable words_;
  size_t longest_ = 1;
  DateLexicon months_;
};

}  // namespace isnad
