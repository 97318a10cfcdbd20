// Building resources/entities/gazetteer.tsv and names.tsv from
// ../shared/data: countries (mledoze/countries, Arabic names), Libyan places
// (OpenStreetMap), and the ANERgazet location, organization and person
// lists. Deterministic: same data, same bytes.
#pragma once

#include <string>

#include "isnad/base/status.h"

namespace isnad {

Status BuildGazetteer(const std::string& data_dir, std::string& gazetteer_text, std::string& names_text);

}  // namespace isnad
