#include "isnad/train/event_trainer.h"

#include <algorithm>
#include <fstream>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace isnad {

constexpr size_t kThresholdWindow = 15;  // neighbouring thresholds the F1 is averaged over
// The target of a sentence is the share of annotators who said it reports
// the event, raised to this power: "yes" in event-gsr means all of them did,
// so a sentence one in three accepted is further from a "yes" than 1/3. The
// power (1.5 rather than 1 or 2) and the L2 weight were chosen by nested
// cross-validation over four partitions (scripts/event-cv.sh).
constexpr double kAgreementPower = 1.5;
constexpr double kL2 = 1.0;

namespace {

// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
Status ReadCsv(const std::string& path, std::vector<std::vector<std::string>>& rows) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": cannot open");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string data = buffer.str();
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      if (!(row.size() == 1 && row[0].empty())) rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return Status::Ok();
}

struct Scores {
  int tp = 0, fp = 0, fn = 0;
  std::string Format() const {
    double p = tp + fp ? double(tp) / (tp + fp) : 0, r = tp + fn ? double(tp) / (tp + fn) : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    char buf[96];
    std::snprintf(buf, sizeof buf, "P=%.3f R=%.3f F1=%.3f", p, r, f);
    return buf;
  }
};

// Sentences of one event type: features, targets (the agreement share),
// "yes" labels and whether each is scored.
struct Data {
  std::vector<std::vector<uint64_t>> x;
  std::vector<float> y;
  std::vector<bool> labels, scored;
};

Scores ScoreAt(const std::vector<float>& held, const Data& d, float t) {
  Scores sc;
  for (size_t i = 0; i < held.size(); ++i) {
    if (!d.scored[i]) continue;
    bool p = held[i] > t;
    sc.tp += p && d.labels[i];
    sc.fp += p && !d.labels[i];
    sc.fn += !p && d.labels[i];
  }
  return sc;
}

// The sentences outside fold f (fold i % folds), to train on.
Data OutsideFold(const Data& d, int folds, int f) {
  Data rest;
  for (size_t i = 0; i < d.x.size(); ++i)
    if (static_cast<int>(i % folds) != f) {
      rest.x.push_back(d.x[i]);
      rest.y.push_back(d.y[i]);
      rest.labels.push_back(d.labels[i]);
      rest.scored.push_back(d.scored[i]);
    }
  return rest;
}

// A model of `type` trained on all of d.
EventModel TrainOn(const Data& d, PloverType type) {
  std::unordered_map<uint64_t, float> w;
  EventModel::Train(d.x, d.y, kL2, w);
  EventModel m;
  m.Set(type, std::move(w));
  return m;
}

struct CrossValidated {
  std::vector<float> held;
  float threshold = 0;
};

// Held-out scores of every sentence (fold i % folds), and the threshold
// that maximizes F1 over them.
CrossValidated CrossValidate(const Data& d, PloverType type, int folds) {
  CrossValidated out;
  out.held.assign(d.x.size(), 0);
  for (int f = 0; f < folds; ++f) {
    const EventModel m = TrainOn(OutsideFold(d, folds, f), type);
    for (size_t i = f; i < d.x.size(); i += folds) out.held[i] = m.Score(type, d.x[i]);
  }
  const std::vector<float>& held = out.held;
  double best_f1 = -1;
  std::vector<float> candidates;
  for (size_t i = 0; i < held.size(); ++i)
    if (d.scored[i]) candidates.push_back(held[i]);
  candidates.push_back(0);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<double> f1s;
  for (float t : candidates) {
    Scores sc = ScoreAt(held, d, t);
    f1s.push_back(sc.tp ? 2.0 * sc.tp / (2.0 * sc.tp + sc.fp + sc.fn) : 0);
  }
  // The best F1 over a window of neighbouring thresholds, not at one
  // point: a lone peak moves with any change to the features, and the
  // final model, trained on every fold, scores on a slightly other scale.
  // Of equal ones, the lowest. (Taking the lowest within 0.01 of the
  // best, for recall, served the perceptron; with the regression it
  // costs F1: 0.615 / 0.432 without it against 0.611 / 0.421, means of
  // four cuttings.)
  const size_t reach = kThresholdWindow;
  std::vector<double> smooth(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    size_t lo = i >= reach ? i - reach : 0, hi = std::min(candidates.size(), i + reach + 1);
    for (size_t j = lo; j < hi; ++j) smooth[i] += f1s[j];
    smooth[i] /= static_cast<double>(hi - lo);
    best_f1 = std::max(best_f1, smooth[i]);
  }
  for (size_t i = 0; i < candidates.size(); ++i)
    if (smooth[i] >= best_f1) {
      out.threshold = candidates[i];
      break;
    }
  return out;
}

}  // namespace

Status TrainProjectEvents(const std::string& data_dir, const TextCore& core, const EntityRecognizer& entities,
                          const ClaimExtractor& claims, int folds, bool nested, EventModel& out, std::string* log) {
  out = EventModel();
  for (auto [file, type] : {std::pair{"assault_gsr.csv", PloverType::kAssault},
                            std::pair{"protest_gsr.csv", PloverType::kProtest}}) {
    std::vector<std::vector<std::string>> rows;
    std::string path = data_dir + "/event-gsr/" + file;
    Status s = ReadCsv(path, rows);
    if (!s.ok()) return s;
    if (rows.empty()) return Status::Error(path + ": empty");
    int label_col = -1, text_col = -1, accept_col = -1, total_col = -1;
    for (size_t c = 0; c < rows[0].size(); ++c) {
      if (rows[0][c] == "label") label_col = static_cast<int>(c);
      if (rows[0][c] == "text") text_col = static_cast<int>(c);
      if (rows[0][c] == "accept") accept_col = static_cast<int>(c);
      if (rows[0][c] == "total") total_col = static_cast<int>(c);
    }
    if (label_col < 0 || text_col < 0) return Status::Error(path + ": no label or text column");
    const size_t needed = static_cast<size_t>(std::max({label_col, text_col, accept_col, total_col}));
    // Sentences with a definite label ("yes" or a "no") are what F1 is
    // measured on (`scored`). "ambiguous" ones (a split vote) train, with
    // their share, but are not scored, as score_events.py does not score them.
    Data all;
    for (size_t r = 1; r < rows.size(); ++r) {
      if (rows[r].size() <= needed) continue;
      const std::string& label = rows[r][label_col];
      if (label.empty()) continue;
      double share = label == "yes" ? 1 : 0;
      if (accept_col >= 0 && total_col >= 0) {
        const double total = std::atof(rows[r][total_col].c_str());
        if (total > 0) share = std::atof(rows[r][accept_col].c_str()) / total;
      } else if (label == "ambiguous") {
        continue;  // no votes to learn from
      }
      Document doc;
      doc.text = rows[r][text_col];
      core.Analyze(doc.text, doc.analysis);
      if (doc.analysis.tokens.empty()) continue;
      entities.Recognize(core, doc);
      Sentence whole{0, static_cast<uint32_t>(doc.analysis.tokens.size())};
      all.x.emplace_back();
      claims.SentenceFeatures(doc, whole, all.x.back());
      all.y.push_back(static_cast<float>(std::pow(std::clamp(share, 0.0, 1.0), kAgreementPower)));
      all.labels.push_back(label == "yes");
      all.scored.push_back(label != "ambiguous");
    }
    // Cross-validation: held-out scores of every sentence, then the
    // threshold that maximizes F1 over them (0 without folds).
    float threshold = 0;
    if (folds > 1) {
      const CrossValidated cv = CrossValidate(all, type, folds);
      threshold = cv.threshold;
      if (log)
        *log += std::string(PloverTypeName(type)) + ": " + std::to_string(folds) + "-fold cross-validation at 0: " +
                ScoreAt(cv.held, all, 0).Format() + "; at the chosen threshold " + std::to_string(threshold) + ": " +
                ScoreAt(cv.held, all, threshold).Format() + " (" + std::to_string(all.x.size()) +
                " sentences; the threshold is chosen on these same folds)\n";
      if (nested) {
        // The figure without that optimism: each fold is scored by a model
        // trained on the other folds, against the threshold chosen by
        // cross-validation inside those other folds alone, as the committed
        // model's threshold is chosen inside the sentences it is trained on.
        std::vector<float> margin(all.x.size());
        for (int f = 0; f < folds; ++f) {
          const Data rest = OutsideFold(all, folds, f);
          const float rest_threshold = CrossValidate(rest, type, folds).threshold;
          const EventModel m = TrainOn(rest, type);
          for (size_t i = f; i < all.x.size(); i += folds) margin[i] = m.Score(type, all.x[i]) - rest_threshold;
        }
        if (log)
          *log += std::string(PloverTypeName(type)) + ": nested " + std::to_string(folds) +
                  "-fold cross-validation (the threshold chosen without the held-out fold): " +
                  ScoreAt(margin, all, 0).Format() + "\n";
      }
    }
    std::unordered_map<uint64_t, float> w;
    EventModel::Train(all.x, all.y, kL2, w);
    out.Set(type, std::move(w), threshold);
  }
  return Status::Ok();
}

}  // namespace isnad
