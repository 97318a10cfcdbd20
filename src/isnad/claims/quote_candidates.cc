// The learned quote detector's candidates: every quote FindQuotes reads,
// those the rules keep and those it only proposes (a cue glued to li- or
// bi-, a relative clause's verb, an attribution to nobody named, a cue with
// nobody named after it and no opener). Features say how the quote was
// read (where its speaker and its content were found, why it is only
// proposed), the cue (its stem, form, kind, what is glued to it, the word
// before it, where it stands in the sentence) and the content (its first
// word, its length, whether it is quoted). The detector learns which of
// them the annotators count as reported speech with these words; the rules'
// verdict is one feature among them.
#include <string>
#include <string_view>

#include "isnad/claims/claims.h"
#include "isnad/claims/reading.h"

namespace isnad {

using namespace claims_internal;

namespace {

std::string_view LengthBucket(uint32_t words) {
  return words <= 2 ? "1-2" : words <= 5 ? "3-5" : words <= 10 ? "6-10" : words <= 20 ? "11-20" : "21+";
}

std::string_view DistanceBucket(uint32_t words) {
  return words == 0 ? "0" : words == 1 ? "1" : words <= 3 ? "2-3" : words <= 6 ? "4-6" : "7+";
}

}  // namespace

bool ClaimExtractor::KeepQuote(const Reading& reading, const Sentence& s, const QuoteDraft& d) const {
  if (quote_model_.empty() && !reading.quote_candidates) return true;
  const TextAnalysis& a = reading.a;
  const uint32_t cue = d.t;
  const CueKind kind = d.kind;
  const Quote& q = d.q;
  const QuoteHow& how = d.how;
  QuoteCandidate c;
  c.cue = q.cue;
  c.content = q.content;
  c.proposed = !how.proposal.empty();
  FeatureList f(c.features, "quote:");
  const std::string kind_name = std::to_string(static_cast<int>(kind));
  const std::string_view stem = a.Stem(cue);
  f.Add("bias");
  f.Add("proposal", how.proposal.empty() ? "rules" : how.proposal);
  f.Add("cue_stem", stem);
  f.Add("cue_form", reading.form[cue]);
  f.Add("cue_kind", kind_name);
  f.Add("speaker_from", how.speaker_from);
  f.Add("speaker_from", how.speaker_from, kind_name);
  f.Add("content_from", how.content_from);
  f.Add("content_from", how.content_from, kind_name);
  f.Add("content_from_stem", how.content_from, stem);
  if (q.speaker >= 0) f.Add("speaker_type", EntityTypeName(reading.doc.entities[q.speaker].type));
  if (reading.has_and[cue]) f.Add("glued", "wa");
  if (reading.has_to[cue]) f.Add("glued", "li");
  if (reading.has_by[cue]) f.Add("glued", "bi");
  if (reading.has_like[cue]) f.Add("glued", "ka");
  if (reading.has_object[cue]) f.Add("object_pronoun");
  if (cue > s.token_begin) {
    f.Add("prev", a.tokens[cue - 1].kind == TokenKind::kWord ? a.Stem(cue - 1) : std::string_view("<punct>"));
    if (reading.role_of[cue - 1]) f.Add("prev_role", std::to_string(reading.role_of[cue - 1]));
  } else {
    f.Add("prev", "<s>");
  }
  if (d.nested) f.Add("nested");
  // The content: where it begins from the cue, how long it is, its first word.
  const uint32_t first = how.content_first;
  const auto last = static_cast<uint32_t>(reading.TokenAt(q.content.end - 1));
  f.Add("content_words", LengthBucket(last >= first ? last - first + 1 : 0));
  if (first > cue)
    f.Add("content_after", DistanceBucket(first - cue - 1));
  else
    f.Add("content_before");
  if (first < a.tokens.size()) {
    f.Add("content_first", a.Stem(first));
    if (reading.role_of[first]) f.Add("content_first_role", std::to_string(reading.role_of[first]));
    if (reading.trigger_of[first]) f.Add("content_first_trigger");
    if (reading.EntityAt(first) >= 0) f.Add("content_first_actor");
  }
  if (first > 0 && reading.IsQuote(first - 1)) f.Add("content_quoted");
  bool keep = true;
  if (!quote_model_.empty()) {
    TypedLinearModel::Weights p;
    quote_model_.Probabilities(c.features, p);
    keep = p[kRelatedColumn] >= quote_model_.threshold();
  }
  if (reading.quote_candidates) reading.quote_candidates->push_back(std::move(c));
  return keep;
}

std::string QuoteFeaturesName() {
  // Bump the version when a feature changes.
  return "quotes-1";
}

}  // namespace isnad
