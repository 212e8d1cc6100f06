#pragma once

#include "catalog/embeddedcatalogs.h"

#include <string_view>
#include <vector>

namespace bulkhead {

/**
 * The icons of element and boundary kinds, ui/icons/kinds/<kind>.svg compiled in by the build,
 * the same files the editor draws: the HTML report's diagram embeds them.
 */
const std::vector<EmbeddedFile> &embeddedKindIcons();

/** The icon file of `kind`; empty when the kind has none (a kind from an extra catalog). */
std::string_view kindIconSvg(std::string_view kind);

} // namespace bulkhead
