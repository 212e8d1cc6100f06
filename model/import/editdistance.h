#pragma once

// How many typing mistakes separate two names: a misspelt YAML key ("imgae") and a look-alike
// image name ("ngnix") are both measured with it.

#include <cstddef>
#include <string_view>

namespace bulkhead {

/** Whether swapping two neighbouring characters counts as one edit or as two. */
enum class NeighbourSwap { TwoEdits, OneEdit };

/**
 * Letters added, dropped or changed, ignoring ASCII case, turning `a` into `b`: the Levenshtein
 * distance; with NeighbourSwap::OneEdit, the optimal string alignment distance, in which a swap
 * of two neighbours ("ngnix" for "nginx") is one mistake, as look-alike names use it.
 */
std::size_t editDistance(std::string_view a, std::string_view b,
                         NeighbourSwap swap = NeighbourSwap::TwoEdits);

} // namespace bulkhead
