// Entity types shared by the entity stage and the document model.
#pragma once

#include <cstdint>
#include <string_view>

namespace isnad {

// PER person; ORG organization, armed force, government, regime, party,
// council, outlet, international body; LOC country, city, district, region,
// road, mountain; MISC other names (ANERcorp's fourth class: events,
// products), recognized for evaluation but not published as actors.
enum class EntityType : uint8_t { kPer = 0, kOrg = 1, kLoc = 2, kMisc = 3 };
inline constexpr int kNumEntityTypes = 4;
const char* EntityTypeName(EntityType type);                  // "PER", "ORG", "LOC", "MISC"
bool ParseEntityType(std::string_view name, EntityType& out);  // accepts ANERcorp's PERS too

}  // namespace isnad
