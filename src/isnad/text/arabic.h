// Named Arabic code points and character classes.
//
// Library sources stay ASCII (checked in CI): Arabic letters appear in code
// only as named code points, and Arabic words live in resources/.
#pragma once

namespace isnad::arabic {

inline constexpr char32_t kHamza = 0x0621;
inline constexpr char32_t kAlefMadda = 0x0622;
inline constexpr char32_t kAlefHamzaAbove = 0x0623;
inline constexpr char32_t kWawHamza = 0x0624;
inline constexpr char32_t kAlefHamzaBelow = 0x0625;
inline constexpr char32_t kYehHamza = 0x0626;
inline constexpr char32_t kAlef = 0x0627;
inline constexpr char32_t kBeh = 0x0628;
inline constexpr char32_t kTehMarbuta = 0x0629;
inline constexpr char32_t kTeh = 0x062A;
inline constexpr char32_t kSeen = 0x0633;
inline constexpr char32_t kFeh = 0x0641;
inline constexpr char32_t kKaf = 0x0643;
inline constexpr char32_t kLam = 0x0644;
inline constexpr char32_t kMeem = 0x0645;
inline constexpr char32_t kNoon = 0x0646;
inline constexpr char32_t kHeh = 0x0647;
inline constexpr char32_t kWaw = 0x0648;
inline constexpr char32_t kAlefMaksura = 0x0649;
inline constexpr char32_t kYeh = 0x064A;
inline constexpr char32_t kTatweel = 0x0640;
inline constexpr char32_t kFathatan = 0x064B;  // first of the harakat
inline constexpr char32_t kSukun = 0x0652;     // last of the common harakat
inline constexpr char32_t kSuperscriptAlef = 0x0670;
inline constexpr char32_t kAlefWasla = 0x0671;
inline constexpr char32_t kComma = 0x060C;
inline constexpr char32_t kSemicolon = 0x061B;
inline constexpr char32_t kQuestionMark = 0x061F;
inline constexpr char32_t kFullStop = 0x06D4;       //  (Urdu full stop, seen in copies)
inline constexpr char32_t kDecimalSeparator = 0x066B;
inline constexpr char32_t kThousandsSeparator = 0x066C;
inline constexpr char32_t kPercentSign = 0x066A;
// Persian and Urdu letter variants found in Arabic text typed on such keyboards.
inline constexpr char32_t kKeheh = 0x06A9;
inline constexpr char32_t kFarsiYeh = 0x06CC;
inline constexpr char32_t kHehDoachashmee = 0x06BE;
inline constexpr char32_t kHehGoal = 0x06C1;
inline constexpr char32_t kTehMarbutaGoal = 0x06C3;
inline constexpr char32_t kHehYeh = 0x06C0;       //    (heh with yeh above)
inline constexpr char32_t kYehBarree = 0x06D2;
inline constexpr char32_t kZwnj = 0x200C;
inline constexpr char32_t kZwj = 0x200D;
inline constexpr char32_t kLrm = 0x200E;
inline constexpr char32_t kRlm = 0x200F;

// Harakat, shadda, sukun, dagger alef and the Quranic marks.
inline bool IsDiacritic(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == kSuperscriptAlef ||
         (c >= 0x06D6 && c <= 0x06ED && c != 0x06DE && c != 0x06E9);
}

// A letter of an Arabic-script word (not digits, not punctuation).
inline bool IsLetter(char32_t c) {
  return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A) ||
         (c >= 0x066E && c <= 0x066F) || (c >= 0x0671 && c <= 0x06D3) || c == 0x06D5 ||
         (c >= 0x06EE && c <= 0x06EF) || (c >= 0x06FA && c <= 0x06FC) || c == 0x06FF ||
         (c >= 0x0750 && c <= 0x077F) || (c >= 0xFB50 && c <= 0xFDFF && c != 0xFD3E && c != 0xFD3F) ||
         (c >= 0xFE70 && c <= 0xFEFC);
}

// Part of a word: a letter, a diacritic, tatweel, or a zero-width joiner.
inline bool IsWordChar(char32_t c) {
  return IsLetter(c) || IsDiacritic(c) || c == kTatweel || c == kZwnj || c == kZwj;
}

// Value 0-9 of an Arabic-Indic (U+0660) or Persian (U+06F0) digit, else -1.
inline int IndicDigitValue(char32_t c) {
  if (c >= 0x0660 && c <= 0x0669) return static_cast<int>(c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return static_cast<int>(c - 0x06F0);
  return -1;
}

inline int DigitValue(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  return IndicDigitValue(c);
}

}  // namespace isnad::arabic
