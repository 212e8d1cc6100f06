#include "removeitemscommand.h"

#include "document.h"

#include <QSet>

#include <set>
#include <string>

namespace bulkhead {

RemoveItemsCommand::RemoveItemsCommand(Document *document, const QStringList &ids,
                                       QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
{
    const ThreatModel &model = document->model();
    const QSet<QString> chosen(ids.begin(), ids.end());
    QSet<QString> removedElements;
    QSet<QString> removedBoundaries;
    for (std::size_t i = 0; i < model.boundaries().size(); ++i) {
        const Boundary &b = model.boundaries()[i];
        if (chosen.contains(QString::fromStdString(b.id))) {
            m_items.boundaries.emplace_back(static_cast<int>(i), b);
            removedBoundaries.insert(QString::fromStdString(b.id));
        }
    }
    for (std::size_t i = 0; i < model.elements().size(); ++i) {
        const Element &e = model.elements()[i];
        if (chosen.contains(QString::fromStdString(e.id))) {
            m_items.elements.emplace_back(static_cast<int>(i), e);
            removedElements.insert(QString::fromStdString(e.id));
        }
    }
    for (std::size_t i = 0; i < model.flows().size(); ++i) {
        const Flow &f = model.flows()[i];
        if (chosen.contains(QString::fromStdString(f.id))
            || removedElements.contains(QString::fromStdString(f.source))
            || removedElements.contains(QString::fromStdString(f.target)))
            m_items.flows.emplace_back(static_cast<int>(i), f);
    }
    // Members of a removed boundary move to the nearest enclosing boundary that stays.
    auto survivingContainer = [&](std::string container) {
        while (!container.empty()
               && removedBoundaries.contains(QString::fromStdString(container))) {
            const Boundary *b = model.findBoundary(container);
            container = b ? b->parent : std::string();
        }
        return QString::fromStdString(container);
    };
    for (const Boundary &b : model.boundaries()) {
        const QString id = QString::fromStdString(b.id);
        if (!removedBoundaries.contains(id)
            && removedBoundaries.contains(QString::fromStdString(b.parent)))
            m_rehomed.push_back(
                {id, QString::fromStdString(b.parent), survivingContainer(b.parent)});
    }
    for (const Element &e : model.elements()) {
        const QString id = QString::fromStdString(e.id);
        if (!removedElements.contains(id)
            && removedBoundaries.contains(QString::fromStdString(e.boundary)))
            m_rehomed.push_back(
                {id, QString::fromStdString(e.boundary), survivingContainer(e.boundary)});
    }
    auto toStd = [](const QSet<QString> &ids) {
        std::set<std::string> result;
        for (const QString &id : ids)
            result.insert(id.toStdString());
        return result;
    };
    m_networks = networksWithout(model, toStd(removedBoundaries), toStd(removedElements));
    // The text names what the user chose; flows that go along with an element are implied.
    QStringList chosenNames;
    for (const auto &[position, b] : m_items.boundaries)
        chosenNames << QString::fromStdString(b.name);
    for (const auto &[position, e] : m_items.elements)
        chosenNames << QString::fromStdString(e.name);
    for (const auto &[position, f] : m_items.flows) {
        if (chosen.contains(QString::fromStdString(f.id)))
            chosenNames << QString::fromStdString(f.name);
    }
    if (chosenNames.size() == 1)
        setText(QObject::tr("Delete \"%1\"").arg(chosenNames.first()));
    else
        setText(QObject::tr("Delete %n items", nullptr, int(chosenNames.size())));
}

void RemoveItemsCommand::redo()
{
    for (const Rehoming &r : m_rehomed)
        m_document->setContainer(r.id, r.to);
    for (const NetworksChange &change : m_networks)
        m_document->setProperty(QString::fromStdString(change.elementId), "networks",
                                change.after.empty() ? std::nullopt
                                                     : std::optional<PropertyValue>(change.after));
    removeSnapshot(*m_document, m_items);
}

void RemoveItemsCommand::undo()
{
    insertSnapshot(*m_document, m_items);
    for (const Rehoming &r : m_rehomed)
        m_document->setContainer(r.id, r.from);
    for (const NetworksChange &change : m_networks)
        m_document->setProperty(QString::fromStdString(change.elementId), "networks",
                                change.before);
}

} // namespace bulkhead
