#include "stridematrix.h"

#include <cctype>
#include <unordered_map>

namespace bulkhead {

int strideIndex(char letter)
{
    const auto pos = strideLetters.find(
        static_cast<char>(std::toupper(static_cast<unsigned char>(letter))));
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

const StrideMatrixRow *StrideMatrix::find(std::string_view subjectId) const
{
    for (const StrideMatrixRow &row : rows) {
        if (row.subjectId == subjectId)
            return &row;
    }
    return nullptr;
}

namespace {

void count(StrideCell &cell, const Threat &threat, std::size_t index, bool primary)
{
    if (!threat.isOpen()) {
        ++cell.closed;
        return;
    }
    ++cell.open;
    cell.primary += primary ? 1 : 0;
    if (!cell.worst || threat.residualSeverity > *cell.worst)
        cell.worst = threat.residualSeverity;
    cell.openThreats.push_back(index);
}

} // namespace

StrideMatrix buildStrideMatrix(const std::vector<const Threat *> &threats)
{
    StrideMatrix matrix;
    std::unordered_map<std::string, std::size_t> rowOf;
    for (std::size_t i = 0; i < threats.size(); ++i) {
        const Threat &threat = *threats[i];
        const auto [it, added] = rowOf.try_emplace(threat.subjectId, matrix.rows.size());
        if (added)
            matrix.rows.push_back({threat.subjectType, threat.subjectId, i, {}, {}});
        StrideMatrixRow &row = matrix.rows[it->second];
        // A letter written twice ("EE") still counts the threat once in its column.
        std::array<bool, 6> seen{};
        const std::string &stride = threat.stride();
        for (std::size_t c = 0; c < stride.size(); ++c) {
            const int letter = strideIndex(stride[c]);
            if (letter < 0 || seen[static_cast<std::size_t>(letter)])
                continue;
            seen[static_cast<std::size_t>(letter)] = true;
            count(row.letters[static_cast<std::size_t>(letter)], threat, i, c == 0);
        }
        count(row.total, threat, i, false);
    }
    return matrix;
}

} // namespace bulkhead
