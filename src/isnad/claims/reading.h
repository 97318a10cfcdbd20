// Internal to the claims stage: one report's tokens as the claim passes read
// them (clitic-free forms, glued particles, the mention, cue, closed-word
// role and trigger at each token), shared by the rules (claims.cc) and the
// learned relation candidates (relation_candidates.cc). Not a public header.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "isnad/claims/claims.h"
#include "isnad/document/document.h"
#include "isnad/text/lexicon.h"
#include "isnad/text/sentences.h"

namespace isnad {

namespace claims_internal {

// The closed words the rules read (cues.txt "role" lines).
enum Role : uint32_t {
  kBetween = 1,
  kAgainst,
  kWith,
  kFrom,
  kIn,
  kNegation,
  kAnd,
  kHedge,
  kThen,
  kBreak,
  kOffice,
  kTo,
  kBy,
  kRelative,
  kAffiliation,
  kRecording,
  kNegatingNoun,
  kSupport,
  kAgent,
  kOccasion,
  kQuantity,
  kReportNoun,
  kContrast,
  kModal,
  kTimeClause,
  kLike,
  kBaynaOnly,
  kPassiveHomograph,
  kPassiveMark,
  kNounHead,
  kVisit,
  kVerbalWithPerson,
  kArea
};


// A trigger's table entry: its PLOVER type and argument frame, + 1 so that
// 0 is "no trigger".
inline uint32_t TriggerCode(PloverType type, ArgumentFrame frame) {
  return (static_cast<uint32_t>(type) << 4 | static_cast<uint32_t>(frame)) + 1;
}
inline PloverType TriggerType(uint32_t code) { return static_cast<PloverType>((code - 1) >> 4); }
inline ArgumentFrame TriggerFrame(uint32_t code) { return static_cast<ArgumentFrame>((code - 1) & 0xF); }

// States act (Turkey struck); other places do not, though they can be
// struck or besieged.
inline bool IsState(const Entity& e) { return e.key.rfind("country:", 0) == 0; }
inline bool CanAct(const Entity& e) { return e.type != EntityType::kLoc || IsState(e); }

// A clause's subject stands in its first words (wa-kana al-tanzim).
constexpr uint32_t kSubjectReach = 4;

// Features of the learned detectors, hashed as they are named: "name=value"
// (and "|more"), after a prefix that keeps one model's names apart from
// another's.
class FeatureList {
 public:
  explicit FeatureList(std::vector<uint64_t>& out, std::string_view prefix = {}) : out_(out), prefix_(prefix) {}
  void Add(std::string_view name, std::string_view value = {}, std::string_view more = {}) {
    // One buffer per thread: a report makes tens of thousands of features.
    thread_local std::string key;
    key.assign(prefix_);
    key.append(name);
    key.push_back('=');
    key.append(value);
    if (!more.empty()) {
      key.push_back('|');
      key.append(more);
    }
    out_.push_back(HashBytes(key));
  }

 private:
  std::vector<uint64_t>& out_;
  std::string_view prefix_;
};

}  // namespace claims_internal

struct ClaimExtractor::Reading {
  Document& doc;
  const TextAnalysis& a;
  std::string_view text;
  size_t n;
  std::vector<std::string> form{};
  std::vector<bool> has_and{};     // wa- glued
  std::vector<bool> has_to{};      // li- glued: an addressee, not a speaker
  std::vector<bool> has_by{};      // bi- glued
  std::vector<bool> has_like{};    // ka- glued: a noun, never a verb
  std::vector<bool> has_object{};  // a pronoun suffix: tad'amuhum "(who) support them"
  std::vector<int> mention_at{};   // the longest mention covering the token, or -1
  std::vector<uint8_t> cue_of{};
  std::vector<uint8_t> role_of{};
  std::vector<uint32_t> trigger_of{};
  // How far above its threshold the event model scores each sentence for
  // each type it knows (ClaimExtractor::EventMargin): filled when a
  // sentence is first asked about, read by the rules and the learned
  // candidates alike.
  mutable std::vector<std::array<float, 16>> event_margins{};
  mutable std::vector<bool> event_margins_known{};
  // Whether FindQuotes proposes the quotes only a learned detector may
  // keep, and where it records every quote it reads (null: nowhere).
  bool propose_quotes = false;
  std::vector<QuoteCandidate>* quote_candidates = nullptr;

  int EntityAt(size_t t) const { return mention_at[t] >= 0 ? doc.mentions[mention_at[t]].entity : -1; }
  // Whether a trigger stands at a token in [begin, end): another clause's
  // event lies between.
  bool TriggerIn(size_t begin, size_t end) const {
    for (size_t k = begin; k < end; ++k)
      if (trigger_of[k]) return true;
    return false;
  }
  // A word that is nothing the rules read: no actor, closed word or trigger.
  bool PlainWord(size_t t) const {
    return a.tokens[t].kind == TokenKind::kWord && EntityAt(t) < 0 && role_of[t] == 0 && trigger_of[t] == 0;
  }
  // The quote whose content holds `span`, the innermost when they nest
  // (a nested quote follows its parent), or -1.
  int InnermostQuote(Span span) const {
    int found = -1;
    for (size_t qi = 0; qi < doc.quotes.size(); ++qi)
      if (doc.quotes[qi].content.begin <= span.begin && span.end <= doc.quotes[qi].content.end)
        found = static_cast<int>(qi);
    return found;
  }
  // A quotation mark of any kind (see IsQuotationMark).
  bool IsQuote(size_t t) const {
    return a.tokens[t].kind == TokenKind::kPunct &&
           IsQuotationMark(text.substr(a.tokens[t].begin, a.tokens[t].end - a.tokens[t].begin));
  }
  // A comma, Latin or Arabic.
  bool IsComma(size_t t) const {
    const std::string_view tk = text.substr(a.tokens[t].begin, a.tokens[t].end - a.tokens[t].begin);
    return tk == "," || tk == "\xD8\x8C";
  }
  CueKind CueAt(size_t t) const { return static_cast<CueKind>(cue_of[t]); }
  // The token that holds byte `byte`.
  size_t TokenAt(uint32_t byte) const {
    return static_cast<size_t>(std::lower_bound(a.tokens.begin(), a.tokens.end(), byte,
                                                [](const Token& tok, uint32_t b) { return tok.end <= b; }) -
                               a.tokens.begin());
  }
  bool InHeader(uint32_t byte) const {
    for (const Span& h : doc.header_lines)
      if (byte >= h.begin && byte < h.end) return true;
    return false;
  }
  // A place whose mention begins at token `first` right after a word of
  // direction or region (shamal Afghanistan, al-hudud ma'a Suriya) is a
  // setting.
  bool InArea(uint32_t first) const {
    return first >= 1 && (role_of[first - 1] == claims_internal::kArea ||
                          (first >= 2 && role_of[first - 1] == claims_internal::kWith && role_of[first - 2] == claims_internal::kArea));
  }
  // An organization or a country whose mention begins at token k, right
  // after an office noun, names the office of the person named next
  // (mudir al-marsad Rami ..., al-amin al-amm li-l-Umam al-Muttahida Ban
  // Ki-moon): the token where that person's mention begins, within three
  // words and before any opening of speech, or -1.
  int OfficeHolderAfter(const Sentence& s, uint32_t k) const {
    const int e = EntityAt(k);
    if (e < 0 || doc.entities[e].type == EntityType::kPer || k <= s.token_begin ||
        !(role_of[k - 1] == claims_internal::kOffice || (k >= s.token_begin + 2 && role_of[k - 2] == claims_internal::kOffice)))
      return -1;
    uint32_t mention_end = k + 1;
    while (mention_end < s.token_end && mention_at[mention_end] == mention_at[k]) ++mention_end;
    for (uint32_t j = mention_end; j < s.token_end && j <= mention_end + 3; ++j) {
      if (CueAt(j) == CueKind::kOpener) break;
      const int p = EntityAt(j);
      if (p >= 0 && doc.entities[p].type == EntityType::kPer) return static_cast<int>(j);
    }
    return -1;
  }
};

// How FindQuotes read a quote, for the quote detector's features.
struct ClaimExtractor::QuoteHow {
  // Empty for a quote the rules keep; else why it is only proposed: its
  // cue is glued to li-, bi- or ka- ("glued"), stands in a relative clause
  // ("relative"), attributes to nobody named ("unnamed_source"), or has
  // nobody named after it and no opener ("after_cue").
  std::string_view proposal;
  // Where the speaker was found: after the cue, an office's holder, an
  // unnamed source noun after or before it, before it, the quote it
  // continues, the last speaker, a time clause's subject, or none.
  std::string_view speaker_from = "none";
  // Where the content begins: at an opener (inna, anna), a colon or a
  // quotation mark, after the speaker or the cue, around an attribution,
  // or before the cue (a quotation first).
  std::string_view content_from = "none";
  uint32_t content_first = 0;  // the content's first token
};

// One quote as FindQuotes reads it, at cue `t`.
struct ClaimExtractor::QuoteDraft {
  uint32_t t = 0;
  CueKind kind{};
  // "..., kama yaqulu X": an attribution of the clause before, as bi-hasab is.
  bool as_x_says = false;
  // The cue stands inside what someone else said.
  bool nested = false;
  // An unnamed source speaks (masadir, al-mas'ul).
  bool unnamed = false;
  // The first token after the speaker's phrase (t + 1 when nobody is named after the cue).
  uint32_t after_speaker = 0;
  uint32_t content_begin = 0;  // the first token of what was said, 0 until found
  Quote q;
  QuoteHow how;
};

}  // namespace isnad
