#include "roleoffer.h"

#include "catalog/catalog.h"
#include "commands/changekindcommand.h"
#include "core/threatmodel.h"
#include "document.h"
#include "import/deployedrole.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QUndoStack>

namespace bulkhead {

namespace {

std::optional<RoleOffer> roleFor(const Document &document, const QStringList &ids)
{
    const Element *element = ids.size() == 1
                                 ? document.model().findElement(ids.front().toStdString())
                                 : nullptr;
    return element ? offeredRole(document.catalog(), *element) : std::nullopt;
}

} // namespace

QString roleOfferKey(const Document *document, const QStringList &ids)
{
    const std::optional<RoleOffer> role = roleFor(*document, ids);
    return role
               ? QStringLiteral("|offer:%1:%2").arg(ids.front(), QString::fromStdString(role->kind))
               : QString();
}

QWidget *makeRoleOffer(Document *document, const QStringList &ids, QWidget *parent)
{
    const std::optional<RoleOffer> role = roleFor(*document, ids);
    if (!role)
        return nullptr;
    const QString &id = ids.front();
    const Element *element = document->model().findElement(id.toStdString());
    const QString kind =
        QString::fromStdString(document->catalog().findKind(role->kind)->displayName).toLower();
    // "a database", "an ingress".
    const QString article = QStringLiteral("aeiou").contains(kind.front()) ? QObject::tr("an")
                                                                           : QObject::tr("a");
    auto *offer = new QWidget(parent);
    offer->setObjectName(QStringLiteral("roleOffer"));
    auto *layout = new QHBoxLayout(offer);
    layout->setContentsMargins(0, 0, 0, 6);
    auto *text = new QLabel(QObject::tr("%1 is %2 %3: treat this container as %2 %3 deployed as a "
                                        "container?")
                                .arg(QString::fromStdString(role->image), article, kind),
                            offer);
    text->setWordWrap(true);
    auto *accept = new QPushButton(QObject::tr("Treat as %1").arg(kind), offer);
    accept->setObjectName(QStringLiteral("acceptRole"));
    layout->addWidget(text, 1);
    layout->addWidget(accept);
    const PropertyMap changes{{"deployedAs", std::string("container")}, {"product", role->product}};
    const std::string kindId = role->kind;
    const QString name = QString::fromStdString(element->name.empty() ? element->id
                                                                      : element->name);
    const QString commandText = QObject::tr("Treat %1 as %2 %3").arg(name, article, kind);
    QObject::connect(accept, &QPushButton::clicked, document, [=] {
        document->undoStack()->push(
            new ChangeKindCommand(document, id, kindId, changes, commandText));
    });
    return offer;
}

} // namespace bulkhead
