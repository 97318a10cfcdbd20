#include "isnad/claims/event_dates.h"

#include "isnad/text/normalize.h"

namespace isnad {

namespace {

const NormalizeOptions& Match() {
  static const NormalizeOptions o = NormalizeOptions::Matching();
  return o;
}

// Days since 1970-01-01 of a Gregorian date, and back (Hinnant's civil
// calendar algorithms).
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

ReportDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  ReportDate d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2));
  return d;
}

}  // namespace

ReportDate EventDater::AddDays(ReportDate d, int days) {
  ReportDate out = CivilFromDays(DaysFromCivil(d.year, d.month, d.day) + days);
  out.calendar = Calendar::kGregorian;
  return out;
}

int EventDater::Weekday(const ReportDate& d) {
  int64_t z = DaysFromCivil(d.year, d.month, d.day);
  return static_cast<int>(((z % 7) + 11) % 7);  // 1970-01-01 was a Thursday
}

Status EventDater::FromResources(const ResourceFile& time, const ResourceFile& dates, EventDater& out) {
  out = EventDater();
  Status s = DateLexicon::FromResource(dates, out.months_);
  if (!s.ok()) return s;
  for (std::string_view line : time.lines) {
    auto f = SplitFields(line);
    if (f.size() < 3) return Status::Error(time.path + ": expected 'kind value forms...': " + std::string(line));
    uint32_t kind = 0, value = 0;
    size_t first = 2;
    if (f[0] == "days") kind = kDays, value = static_cast<uint32_t>(ParseNumber(f[1]));
    else if (f[0] == "weekday") kind = kWeekday, value = static_cast<uint32_t>(ParseNumber(f[1]));
    else if (f[0] == "ago") kind = kAgo;
    else if (f[0] == "past") kind = kPast;
    else if (f[0] == "year_intro") kind = kYearIntro;
    else if (f[0] == "unit" && f.size() >= 4) {
      kind = f[1] == "day"     ? uint32_t{kUnitDay}
             : f[1] == "week"  ? uint32_t{kUnitWeek}
             : f[1] == "month" ? uint32_t{kUnitMonth}
             : f[1] == "year"  ? uint32_t{kUnitYear}
                               : 0u;
      value = static_cast<uint32_t>(ParseNumber(f[2]));
      first = 3;
    }
    if (kind == 0 || value > 255) return Status::Error(time.path + ": bad line: " + std::string(line));
    for (size_t i = first; i < f.size(); ++i) {
      std::string phrase(f[i]);
      size_t words = 1;
      for (char& c : phrase)
        if (c == '_') c = ' ', ++words;
      out.words_.Insert(Normalize(phrase, Match()), kind << 8 | value);
      out.longest_ = std::max(out.longest_, words);
    }
  }
  return Status::Ok();
}

Status EventDater::Load(const std::string& dir, EventDater& out) {
  ResourceFile time, dates;
  Status s = ReadResourceFile(dir + "/claims/time.txt", "event-time", 1, time);
  if (!s.ok()) return s;
  s = ReadResourceFile(dir + "/document/dates.txt", "dates", 1, dates);
  if (!s.ok()) return s;
  return FromResources(time, dates, out);
}

std::optional<ReportDate> EventDater::Resolve(const Document& doc, const Sentence& s) const {
  const TextAnalysis& a = doc.analysis;
  std::string_view text(doc.text);
  // Each token with its prefix clitics cut (wa-fi, bi-amsi), normalized.
  std::vector<std::string> w;
  for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
    auto [begin, end] = a.AfterPrefixes(t);
    w.push_back(Normalize(text.substr(begin, end - begin), Match()));
  }
  const size_t n = w.size();
  auto lookup = [&](size_t i, size_t& len) -> uint32_t {
    for (len = std::min(longest_, n - i); len >= 1; --len) {
      std::string phrase = w[i];
      for (size_t k = 1; k < len; ++k) phrase += " " + w[i + k];
      if (uint32_t v = words_.Find(phrase)) return v;
    }
    len = 1;
    return 0;
  };
  auto kind_at = [&](size_t i) -> uint32_t {
    size_t len;
    return i < n ? lookup(i, len) >> 8 : 0;
  };
  const bool dated = doc.date && doc.date->year > 0;
  const ReportDate today = dated ? *doc.date : ReportDate{};
  auto gregorian_month = [&](size_t i) -> int {
    if (i >= n) return 0;
    uint32_t m = months_.months.Find(w[i]);
    return m >= 1 && m <= 12 ? static_cast<int>(m) : 0;
  };
  auto plausible_year = [&](int y) { return y >= 1900 && (!dated || y <= today.year); };

  for (size_t i = 0; i < n; ++i) {
    size_t len;
    uint32_t code = lookup(i, len);
    uint32_t kind = code >> 8, value = code & 0xFF;
    if (kind == kDays && dated) return AddDays(today, -static_cast<int>(value));
    if (kind == kWeekday && dated) {
      // The latest such day on or before the report's (strictly before
      // with "al-madi").
      int back = (Weekday(today) - static_cast<int>(value) + 7) % 7;
      if (kind_at(i + len) == kPast && back == 0) back = 7;
      return AddDays(today, -back);
    }
    if ((kind == kUnitWeek || kind == kUnitMonth || kind == kUnitYear) && kind_at(i + len) == kPast && dated) {
      ReportDate d = today;
      if (kind == kUnitWeek) return AddDays(today, -7);
      if (kind == kUnitMonth) {
        d.month = today.month == 1 ? 12 : today.month - 1;
        d.year = today.month == 1 ? today.year - 1 : today.year;
        d.day = 0;
        return d;
      }
      d.year = today.year - 1;
      d.month = d.day = 0;
      return d;
    }
    if (kind == kAgo && dated) {
      // mundhu [N] unit: N (or the unit's own count) units before.
      size_t j = i + len;
      int count = j < n ? ParseNumber(w[j]) : -1;
      if (count > 0) ++j;
      size_t unit_len;
      uint32_t unit = j < n ? lookup(j, unit_len) : 0;
      uint32_t unit_kind = unit >> 8;
      if (unit_kind >= kUnitDay && unit_kind <= kUnitYear) {
        int k = count > 0 ? count : static_cast<int>(unit & 0xFF);
        if (k > 0 && k <= 100) {
          ReportDate d = today;
          if (unit_kind == kUnitDay) return AddDays(today, -k);
          if (unit_kind == kUnitWeek) return AddDays(today, -7 * k);
          if (unit_kind == kUnitMonth) {
            int months = today.year * 12 + (today.month - 1) - k;
            d.year = months / 12;
            d.month = months % 12 + 1;
            d.day = 0;
            return d;
          }
          d.year = today.year - k;
          d.month = d.day = 0;
          return d;
        }
      }
    }
    // [day] month [year]
    if (int month = gregorian_month(i)) {
      int day = i > 0 ? ParseNumber(w[i - 1]) : -1;
      int year = i + 1 < n ? ParseNumber(w[i + 1]) : -1;
      if (!plausible_year(year)) year = -1;
      // A month name alone must be introduced (fi Mayu, matla' Yulyu):
      // maris is also "he practised".
      bool introduced = i > 0 && (kind_at(i - 1) == kYearIntro || kind_at(i - 1) == kUnitMonth);
      if (day < 1 && year < 0 && !introduced) continue;
      if (year < 0 && !dated) continue;
      ReportDate d;
      d.year = year > 0 ? year : today.year;
      d.month = month;
      d.day = day >= 1 && day <= DaysInMonth(d.year, month) ? day : 0;
      // Without a year, the latest such date not after the report's.
      if (year < 0 && (d.month > today.month || (d.month == today.month && d.day > today.day))) --d.year;
      return d;
    }
    // fi 2013, 'am 2013
    if (kind == kYearIntro || kind == kUnitYear) {
      int year = i + len < n ? ParseNumber(w[i + len]) : -1;
      if (plausible_year(year)) {
        ReportDate d;
        d.year = year;
        return d;
      }
    }
  }
  return std::nullopt;
}

}  // namespace isnad
