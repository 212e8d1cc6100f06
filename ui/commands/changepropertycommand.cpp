#include "changepropertycommand.h"

#include "catalog/propertysheet.h"
#include "core/itemref.h"
#include "document.h"

#include <vector>

namespace bulkhead {

namespace {

std::vector<std::optional<PropertyValue>>
currentValues(const Document &document, const QStringList &ids, const std::string &property)
{
    std::vector<std::optional<PropertyValue>> values;
    for (const QString &id : ids)
        values.push_back(document.property(id, property));
    return values;
}

/** "Set Image reference of nginx": the property's label from the catalog, and what it is on. */
QString changeText(const Document &document, const QStringList &ids, const std::string &property,
                   bool reset)
{
    std::vector<std::string> itemIds;
    for (const QString &id : ids)
        itemIds.push_back(id.toStdString());
    const PropertySheet sheet(document.catalog(), document.model(), itemIds);
    const SheetRow *row = sheet.findRow(property);
    const QString label = QString::fromStdString(row ? row->fullLabel : property);
    QString subject;
    if (itemIds.size() == 1) {
        const std::string name = shownName(document.model(),
                                           findItem(document.model(), itemIds[0]));
        subject = QString::fromStdString(name.empty() ? itemIds[0] : name);
    } else {
        subject = QObject::tr("%n items", nullptr, int(ids.size()));
    }
    return reset ? QObject::tr("Reset %1 of %2").arg(label, subject)
                 : QObject::tr("Set %1 of %2").arg(label, subject);
}

} // namespace

ChangePropertyCommand::ChangePropertyCommand(Document *document, const QStringList &ids,
                                             const std::string &property,
                                             const std::optional<PropertyValue> &value,
                                             QUndoCommand *parent)
    : ChangeValueCommand(
        document, ids, currentValues(*document, ids, property), value,
        [property](Document &target, const QString &id, const std::optional<PropertyValue> &v) {
            target.setProperty(id, property, v);
        },
        changeText(*document, ids, property, !value), parent)
{}

} // namespace bulkhead
