#include "changepropertycommand.h"

#include "document.h"

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

QString changeText(const std::string &property, bool reset)
{
    const QString name = QString::fromStdString(property);
    return reset ? QObject::tr("Reset %1").arg(name) : QObject::tr("Set %1").arg(name);
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
        changeText(property, !value), parent)
{}

} // namespace bulkhead
