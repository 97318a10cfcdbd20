#include "isnad/document/dates.h"

#include <cstdio>

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <charconv>
#include <cstdio>
#include <memory>

#include "isnad/text/normalize.h"
#include "isnad/text/tokenize.h"

namespace isnad {

namespace {

constexpr uint32_t kHijriFlag = 100;

std::string JoinUnderscores(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '_') c = ' ';
  return out;
}

}  // namespace

Status DateLexicon::FromResource(const ResourceFile& file, DateLexicon& out) {
  out = DateLexicon();
  const NormalizeOptions match = NormalizeOptions::Matching();
  for (std::string_view line : file.lines) {
    auto f = SplitFields(line);
    if (f.empty()) continue;
    if (f[0] == "month" && f.size() >= 4) {
      bool hijri = f[1] == "hijri";
      int number = ParseNumber(f[2]);
      if (number < 1 || number > 12 || (!hijri && f[1] != "gregorian"))
        return Status::Error(file.path + ": bad month line: " + std::string(line));
      for (size_t i = 3; i < f.size(); ++i) {
        std::string name = Normalize(JoinUnderscores(f[i]), match);
        size_t words = 1;
        for (char c : name) words += c == ' ';
        out.longest_month_words = std::max(out.longest_month_words, words);
        out.months.Insert(name, static_cast<uint32_t>(number + (hijri ? kHijriFlag : 0)));
      }
    } else if (f[0] == "weekday") {
      for (size_t i = 1; i < f.size(); ++i) out.weekdays.Insert(Normalize(f[i], match), 1);
    } else if (f[0] == "marker" && f.size() >= 3) {
      WordTable& t = f[1] == "hijri" ? out.hijri_markers : out.gregorian_markers;
      for (size_t i = 2; i < f.size(); ++i) t.Insert(Normalize(f[i], match), 1);
    } else {
      return Status::Error(file.path + ": unknown dates entry: " + std::string(line));
    }
  }
  return Status::Ok();
}

Status DateLexicon::Load(const std::string& path, DateLexicon& out) {
  return LoadResource(path, "dates", 1, out);
}

int ParseNumber(std::string_view digits) {
  // Digits may be Arabic-Indic: normalize first.
  std::string ascii = Normalize(digits, NormalizeOptions::Light());
  int v = -1;
  auto [p, ec] = std::from_chars(ascii.data(), ascii.data() + ascii.size(), v);
  if (ec != std::errc() || p != ascii.data() + ascii.size()) return -1;
  return v;
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap);
}

bool IsValidGregorian(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= DaysInMonth(y, m);
}

bool HijriToGregorian(int year, int month, int day, int& gy, int& gm, int& gd) {
  if (year < 1300 || year > 1600 || month < 1 || month > 12 || day < 1 || day > 30) return false;
  // Calendars are costly to create and not thread-safe: one per thread.
  thread_local std::unique_ptr<icu::Calendar> hijri;
  thread_local std::unique_ptr<icu::Calendar> gregorian;
  UErrorCode status = U_ZERO_ERROR;
  if (!hijri) {
    hijri.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                              icu::Locale("ar@calendar=islamic-umalqura"), status));
    if (U_FAILURE(status)) { hijri.reset(); return false; }
    gregorian.reset(new icu::GregorianCalendar(icu::TimeZone::getGMT()->clone(), status));
    if (U_FAILURE(status)) { hijri.reset(); gregorian.reset(); return false; }
  }
  hijri->clear();
  hijri->setLenient(false);
  hijri->set(year, month - 1, day);
  hijri->set(UCAL_HOUR_OF_DAY, 12);
  UDate when = hijri->getTime(status);
  if (U_FAILURE(status)) return false;
  gregorian->setTime(when, status);
  gy = gregorian->get(UCAL_YEAR, status);
  gm = gregorian->get(UCAL_MONTH, status) + 1;
  gd = gregorian->get(UCAL_DATE, status);
  return U_SUCCESS(status);
}

std::optional<FoundDate> FindDate(std::string_view text, const DateLexicon& lex) {
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  const NormalizeOptions match = NormalizeOptions::Matching();
  std::vector<std::string> norm(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i)
    norm[i] = Normalize(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin), match);
  auto is_num = [&](size_t i) { return i < tokens.size() && tokens[i].kind == TokenKind::kNumber; };
  auto tok = [&](size_t i) -> std::string_view {
    return text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  };

  std::optional<FoundDate> hijri_found, gregorian_found;
  auto keep = [&](FoundDate f) {
    auto& slot = f.date.calendar == Calendar::kHijri ? hijri_found : gregorian_found;
    if (!slot) slot = f;
  };

  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!is_num(i)) continue;
    // Numeric: D/M/Y, Y-M-D (separators as tokens), or D.M.Y (one token).
    std::string_view t = tok(i);
    if (t.find('.') != std::string_view::npos) {
      std::string s = Normalize(t, NormalizeOptions::Light());
      size_t a = s.find('.'), b = s.find('.', a + 1);
      if (b != std::string::npos && s.find('.', b + 1) == std::string::npos) {
        int d = ParseNumber(s.substr(0, a)), m = ParseNumber(s.substr(a + 1, b - a - 1)), y = ParseNumber(s.substr(b + 1));
        if (y >= 0 && y < 100) y += 2000;
        if (IsValidGregorian(y, m, d))
          keep(FoundDate{{y, m, d, Calendar::kGregorian, std::string(t)}, tokens[i].begin, tokens[i].end});
      }
      continue;
    }
    if (i + 4 < tokens.size() && is_num(i + 2) && is_num(i + 4) && tokens[i + 1].kind == TokenKind::kPunct &&
        tok(i + 1) == tok(i + 3) && (tok(i + 1) == "/" || tok(i + 1) == "-" || tok(i + 1) == "\\") &&
        !tokens[i + 1].after_space && !tokens[i + 2].after_space && !tokens[i + 3].after_space &&
        !tokens[i + 4].after_space) {
      int a = ParseNumber(tok(i)), b = ParseNumber(tok(i + 2)), c = ParseNumber(tok(i + 4));
      int y, m, d;
      if (tok(i).size() == 4) { y = a; m = b; d = c; }
      else {
        d = a; m = b; y = c;
        if (y >= 0 && y < 100) y += 2000;
        // Day-first unless that is impossible and month-first is not.
        if (m > 12 && d <= 12) std::swap(d, m);
      }
      int gy, gm, gd;
      if (IsValidGregorian(y, m, d)) {
        keep(FoundDate{{y, m, d, Calendar::kGregorian, std::string(text.substr(tokens[i].begin, tokens[i + 4].end - tokens[i].begin))},
                       tokens[i].begin, tokens[i + 4].end});
      } else if (HijriToGregorian(y, m, d, gy, gm, gd)) {
        keep(FoundDate{{gy, gm, gd, Calendar::kHijri, std::string(text.substr(tokens[i].begin, tokens[i + 4].end - tokens[i].begin))},
                       tokens[i].begin, tokens[i + 4].end});
      }
      i += 4;
      continue;
    }
    // Day, month name (one or more words), year, optional calendar marker.
    int day = ParseNumber(tok(i));
    if (day < 1 || day > 31) continue;
    for (size_t words = std::min(lex.longest_month_words, tokens.size() - i - 1); words >= 1; --words) {
      std::string name;
      bool all_words = true;
      for (size_t k = 0; k < words; ++k) {
        if (tokens[i + 1 + k].kind != TokenKind::kWord) { all_words = false; break; }
        if (k) name += ' ';
        name += norm[i + 1 + k];
      }
      if (!all_words) continue;
      uint32_t month = lex.months.Find(name);
      size_t y_index = i + 1 + words;
      // A comma may stand between month and year.
      if (month && y_index < tokens.size() && tokens[y_index].kind == TokenKind::kPunct &&
          (tok(y_index) == "," || tok(y_index) == "\xD8\x8C"))
        ++y_index;
      if (!month || !is_num(y_index)) continue;
      int year = ParseNumber(tok(y_index));
      size_t end_index = y_index;
      bool hijri = month > kHijriFlag;
      if (end_index + 1 < tokens.size() && tokens[end_index + 1].kind == TokenKind::kWord) {
        const std::string& marker = norm[end_index + 1];
        if (lex.hijri_markers.Contains(marker)) { hijri = true; ++end_index; }
        else if (lex.gregorian_markers.Contains(marker)) { ++end_index; }
      }
      int m = static_cast<int>(month % kHijriFlag);
      std::string date_text(text.substr(tokens[i].begin, tokens[end_index].end - tokens[i].begin));
      int gy, gm, gd;
      if (hijri && HijriToGregorian(year, m, day, gy, gm, gd))
        keep(FoundDate{{gy, gm, gd, Calendar::kHijri, date_text}, tokens[i].begin, tokens[end_index].end});
      else if (!hijri && IsValidGregorian(year, m, day))
        keep(FoundDate{{year, m, day, Calendar::kGregorian, date_text}, tokens[i].begin, tokens[end_index].end});
      i = end_index;
      break;
    }
  }
  if (gregorian_found) return gregorian_found;
  return hijri_found;
}

std::string IsoDate(const ReportDate& d) {
  char buf[16];
  if (d.month == 0)
    std::snprintf(buf, sizeof buf, "%04d", d.year);
  else if (d.day == 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

}  // namespace isnad
