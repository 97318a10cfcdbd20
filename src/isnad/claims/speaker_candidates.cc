// The learned speaker ranker's candidates (see relation_model.h): for each
// quote the rules found, the actors named near its cue in its sentence, the
// last quote's speaker, the rules' own choice, and nobody named. Features
// say where each stands from the cue (before or after, how far, the first
// one after it), what is glued to it (li- names an addressee), the word
// before it, its type and kind, whether the rules chose it or it spoke
// last, and the cue's own form and kind; for "nobody", the rules' verdict and
// whether a noun of unnamed sources (masadir, shuhud) stands by the cue.
#include <algorithm>
#include <string>
#include <string_view>

#include "isnad/claims/claims.h"
#include "isnad/claims/reading.h"
#include "isnad/text/lexicon.h"

namespace isnad {

using namespace claims_internal;

namespace {

// Words before the cue and after it where a speaker may be named.
constexpr uint32_t kReachBefore = 30;  // most of a sentence: "thamman X, ..., mu'akkidan anna"
constexpr uint32_t kReachAfter = 15;
// Sentences before the quote's whose first actor is offered.
constexpr uint32_t kSentencesBack = 3;
// Distinct speakers of earlier quotes offered besides the last one.
constexpr int kEarlierSpeakers = 3;


std::string_view Bucket(uint32_t distance) {
  if (distance <= 1) return distance == 0 ? "0" : "1";
  return distance <= 3 ? "2-3" : distance <= 6 ? "4-6" : distance <= 12 ? "7-12" : distance <= 24 ? "13-24" : "25+";
}

}  // namespace

void ClaimExtractor::FindSpeakerCandidates(const Reading& reading, ClaimCandidates& out) const {
  const Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  for (uint32_t qi = 0; qi < doc.quotes.size(); ++qi) {
    const Quote& q = doc.quotes[qi];
    if (q.sentence >= a.sentences.size()) continue;
    const Sentence& s = a.sentences[q.sentence];
    const uint32_t cue = static_cast<uint32_t>(reading.TokenAt(q.cue.empty() ? q.content.begin : q.cue.begin));
    const std::string_view cue_stem = cue < a.tokens.size() ? a.Stem(cue) : std::string_view();
    const std::string cue_kind = cue < a.tokens.size() ? std::to_string(reading.cue_of[cue]) : "none";
    const int previous = qi > 0 ? doc.quotes[qi - 1].speaker : -1;
    const size_t first = out.speakers.size();
    auto common = [&](FeatureList& f) {
      f.Add("bias");
      f.Add("cue_kind", cue_kind);
      f.Add("cue_stem", cue_stem);
      if (q.parent >= 0) f.Add("nested");
    };
    // Nobody named.
    {
      SpeakerCandidate c;
      c.quote = qi;
      FeatureList f(c.features, "speaker:");
      common(f);
      f.Add("null");
      f.Add("null_rules", q.speaker < 0 ? "yes" : "no");
      f.Add("null_cue_kind", cue_kind);
      f.Add("null_previous", previous >= 0 ? "named" : "none");
      for (uint32_t k = cue + 1; k < s.token_end && k <= cue + 3; ++k)
        if (reading.CueAt(k) == CueKind::kUnnamed) f.Add("null_unnamed_noun");
      out.speakers.push_back(std::move(c));
    }
    // The actors near the cue, at their nearest mention.
    bool first_after_seen = false, nearest_before_seen = false;
    std::vector<int> seen;
    auto add_actor = [&](int entity, Span span, uint32_t at, bool here) {
      if (std::find(seen.begin(), seen.end(), entity) != seen.end()) return;
      seen.push_back(entity);
      SpeakerCandidate c;
      c.quote = qi;
      c.entity = entity;
      c.span = span;
      FeatureList f(c.features, "speaker:");
      common(f);
      const Entity& e = doc.entities[entity];
      f.Add("type", EntityTypeName(e.type));
      if (e.generic) f.Add("generic");
      f.Add("type_cue", EntityTypeName(e.type), cue_kind);
      if (entity == q.speaker) f.Add("rules");
      if (entity == previous) f.Add("previous", here ? "here" : "absent");
      if (!here) {
        f.Add("absent_cue_kind", cue_kind);
        out.speakers.push_back(std::move(c));
        return;
      }
      const bool after = at > cue;
      const uint32_t distance = after ? at - cue - 1 : cue - at - 1;
      const std::string side = after ? "after" : "before";
      f.Add("where", side + "|" + std::string(Bucket(distance)));
      f.Add("where_type", side + "|" + EntityTypeName(e.type));
      f.Add("where_cue", side + "|" + cue_kind);
      if (after && !first_after_seen) f.Add("first_after");
      if (!after && !nearest_before_seen) f.Add("nearest_before");
      if (reading.has_to[at]) f.Add("glued", "li");
      if (reading.has_by[at]) f.Add("glued", "bi");
      if (at > s.token_begin) {
        f.Add("prev_word", a.Stem(at - 1));
        f.Add("prev_role", std::to_string(reading.role_of[at - 1]));
      }
      if (reading.InnermostQuote(span) >= 0) f.Add("inside_a_quote");
      // Punctuation between the actor and the cue: another clause's actor, or an apposition.
      int punct = 0;
      for (uint32_t k = std::min(at, cue) + 1; k < std::max(at, cue); ++k)
        punct += a.tokens[k].kind == TokenKind::kPunct;
      f.Add("punct_between", side + "|" + std::to_string(std::min(punct, 2)));
      // The sentence's first actor: its subject, often.
      bool first_actor = true;
      for (uint32_t k = s.token_begin; k < at && first_actor; ++k) first_actor = reading.mention_at[k] < 0;
      if (first_actor) f.Add("first_actor_of_sentence", side);
      out.speakers.push_back(std::move(c));
    };
    // After the cue, nearest first; then before it, nearest first.
    for (uint32_t k = cue + 1; k < s.token_end && k <= cue + kReachAfter; ++k) {
      const int m = reading.mention_at[k];
      if (m < 0 || doc.mentions[m].entity < 0 || (k > 0 && reading.mention_at[k - 1] == m && k != cue + 1)) continue;
      const Span span = doc.mentions[m].span;
      if (span.begin >= q.content.begin && span.end <= q.content.end) continue;
      add_actor(doc.mentions[m].entity, span, k, true);
      first_after_seen = true;
    }
    for (uint32_t d = 1; cue >= s.token_begin + d && d <= kReachBefore; ++d) {
      const uint32_t k = cue - d;
      const int m = reading.mention_at[k];
      if (m < 0 || doc.mentions[m].entity < 0) continue;
      const Span span = doc.mentions[m].span;
      if (span.begin >= q.content.begin && span.end <= q.content.end) continue;
      add_actor(doc.mentions[m].entity, span, static_cast<uint32_t>(reading.TokenAt(span.begin)), true);
      nearest_before_seen = true;
    }
    // The rules' choice and the last speakers, when not near the cue.
    if (q.speaker >= 0) add_actor(q.speaker, q.speaker_span, cue, false);
    if (previous >= 0) add_actor(previous, Span{}, cue, false);
    int earlier = 0;
    for (uint32_t back = qi; back-- > 0 && earlier < kEarlierSpeakers;) {
      const int e = doc.quotes[back].speaker;
      if (e < 0 || std::find(seen.begin(), seen.end(), e) != seen.end()) continue;
      ++earlier;
      const size_t before = out.speakers.size();
      add_actor(e, Span{}, cue, false);
      if (out.speakers.size() > before) FeatureList(out.speakers.back().features, "speaker:").Add("earlier", std::to_string(earlier));
    }
    // The first actor of each of the sentences before: the subject a dropped
    // one takes up (wa-adafa ...).
    for (uint32_t back = 1; back <= kSentencesBack && q.sentence >= back; ++back) {
      const Sentence& before = a.sentences[q.sentence - back];
      for (uint32_t k = before.token_begin; k < before.token_end; ++k) {
        const int m = reading.mention_at[k];
        if (m < 0 || doc.mentions[m].entity < 0) continue;
        const int e = doc.mentions[m].entity;
        if (std::find(seen.begin(), seen.end(), e) == seen.end()) {
          add_actor(e, doc.mentions[m].span, cue, false);
          const std::string back_by = back > 1 ? "|" + std::to_string(back) : std::string();
          FeatureList(out.speakers.back().features, "speaker:")
              .Add("last_sentence_subject", EntityTypeName(doc.entities[e].type) + back_by);
        }
        break;
      }
    }
    if (out.speakers.size() - first < 2) out.speakers.resize(first);  // nobody else: nothing to rank
  }
}

std::string SpeakerFeaturesName() {
  // Bump the version when a feature changes.
  return "speakers-3 before=" + std::to_string(kReachBefore) + " after=" + std::to_string(kReachAfter) +
         " earlier=" + std::to_string(kEarlierSpeakers) + " sentences=" + std::to_string(kSentencesBack);
}

}  // namespace isnad
