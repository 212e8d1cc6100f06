#include "editdistance.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace bulkhead {

std::size_t editDistance(std::string_view a, std::string_view b, NeighbourSwap swap)
{
    const auto same = [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x))
               == std::tolower(static_cast<unsigned char>(y));
    };
    // Three rows of the distance table: a swap looks two rows back.
    std::vector<std::size_t> twoBack(b.size() + 1);
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        twoBack.swap(previous);
        previous.swap(row);
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (same(a[i - 1], b[j - 1]) ? 0 : 1);
            row[j] = std::min({previous[j] + 1, row[j - 1] + 1, substitution});
            if (swap == NeighbourSwap::OneEdit && i > 1 && j > 1 && same(a[i - 1], b[j - 2])
                && same(a[i - 2], b[j - 1]))
                row[j] = std::min(row[j], twoBack[j - 2] + 1);
        }
    }
    return row[b.size()];
}

} // namespace bulkhead
