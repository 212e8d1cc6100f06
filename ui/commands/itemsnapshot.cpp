#include "itemsnapshot.h"

#include "document.h"

#include <algorithm>

namespace bulkhead {

QStringList ItemSnapshot::ids() const
{
    QStringList result;
    for (const auto &[position, b] : boundaries)
        result << QString::fromStdString(b.id);
    for (const auto &[position, e] : elements)
        result << QString::fromStdString(e.id);
    for (const auto &[position, f] : flows)
        result << QString::fromStdString(f.id);
    return result;
}

namespace {

template<typename T>
std::vector<std::pair<int, T>> ascending(std::vector<std::pair<int, T>> items)
{
    std::stable_sort(items.begin(), items.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    return items;
}

} // namespace

void insertSnapshot(Document &document, const ItemSnapshot &snapshot)
{
    // Ascending positions: each insert lands where it was, because everything before it is
    // already back.
    for (const auto &[position, boundary] : ascending(snapshot.boundaries))
        document.insertBoundary(position, boundary);
    for (const auto &[position, element] : ascending(snapshot.elements))
        document.insertElement(position, element);
    for (const auto &[position, flow] : ascending(snapshot.flows))
        document.insertFlow(position, flow);
}

void removeSnapshot(Document &document, const ItemSnapshot &snapshot)
{
    for (const auto &[position, flow] : snapshot.flows)
        document.removeFlow(QString::fromStdString(flow.id));
    for (const auto &[position, element] : snapshot.elements)
        document.removeElement(QString::fromStdString(element.id));
    for (const auto &[position, boundary] : snapshot.boundaries)
        document.removeBoundary(QString::fromStdString(boundary.id));
}

} // namespace bulkhead
