#include "isnad/eval/ner_eval.h"

#include <set>
#include <tuple>

#include "isnad/train/ner_trainer.h"

namespace isnad {

namespace {

using Chunk = std::tuple<size_t, size_t, int>;  // first, end, type

std::set<Chunk> Chunks(const std::vector<int>& tags) {
  std::set<Chunk> out;
  for (size_t i = 0; i < tags.size();) {
    if (tags[i] == 0) {
      ++i;
      continue;
    }
    // conlleval: an I- without its B- starts a chunk too.
    EntityType type = TagType(tags[i]);
    size_t j = i + 1;
    while (j < tags.size() && tags[j] == InsideTag(type)) ++j;
    out.emplace(i, j, static_cast<int>(type));
    i = j;
  }
  return out;
}

}  // namespace

Status ScoreNer(const std::string& path, const TextCore& core, const EntityRecognizer& recognizer, NerScore& out,
                std::string* predictions) {
  std::vector<TaggedSentence> data;
  Status s = ReadConllNer(path, data);
  if (!s.ok()) return s;
  ScoreNerSentences(data, core, recognizer, out, predictions);
  return Status::Ok();
}

void ScoreNerSentences(const std::vector<TaggedSentence>& data, const TextCore& core,
                       const EntityRecognizer& recognizer, NerScore& out, std::string* predictions) {
  out = NerScore();
  // The file's sentences are consecutive, as in a report: one document.
  std::vector<std::vector<std::string_view>> sentences;
  for (const auto& sentence : data) sentences.emplace_back(sentence.words.begin(), sentence.words.end());
  std::vector<std::vector<int>> tagged;
  recognizer.TagSentences(core, sentences, tagged);
  for (size_t si = 0; si < data.size(); ++si) {
    const TaggedSentence& sentence = data[si];
    const std::vector<std::string_view>& words = sentences[si];
    const std::vector<int>& predicted = tagged[si];
    if (predictions) {
      for (size_t i = 0; i < words.size(); ++i)
        *predictions += sentence.words[i] + " " + TagName(sentence.tags[i]) + " " + TagName(predicted[i]) + "\n";
      *predictions += "\n";
    }
    auto gold = Chunks(sentence.tags), pred = Chunks(predicted);
    out.sentences++;
    out.tokens += words.size();
    for (const auto& c : gold) out.by_type[std::get<2>(c)].gold++;
    for (const auto& c : pred) {
      out.by_type[std::get<2>(c)].predicted++;
      if (gold.count(c)) out.by_type[std::get<2>(c)].correct++;
    }
  }
  for (const auto& c : out.by_type) {
    out.total.gold += c.gold;
    out.total.predicted += c.predicted;
    out.total.correct += c.correct;
  }
}

}  // namespace isnad
