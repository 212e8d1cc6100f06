#include "stringlistdialog.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

QListWidgetItem *addEntry(QListWidget *list, const QString &text)
{
    auto *item = new QListWidgetItem(text, list);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    return item;
}

StringList entries(const QListWidget *list)
{
    StringList out;
    for (int i = 0; i < list->count(); ++i) {
        const QString text = list->item(i)->text().trimmed();
        if (!text.isEmpty())
            out.push_back(text.toStdString());
    }
    return out;
}

} // namespace

std::optional<StringList> editStringList(QWidget *parent, const QString &title,
                                         const StringList &values)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("stringListDialog"));
    dialog.setWindowTitle(title);
    auto *list = new QListWidget(&dialog);
    list->setObjectName(QStringLiteral("stringList"));
    for (const std::string &value : values)
        addEntry(list, QString::fromStdString(value));

    auto *add = new QPushButton(QCoreApplication::translate("StringListDialog", "&Add"), &dialog);
    add->setObjectName(QStringLiteral("addEntry"));
    auto *remove = new QPushButton(QCoreApplication::translate("StringListDialog", "&Remove"),
                                   &dialog);
    remove->setObjectName(QStringLiteral("removeEntry"));
    QObject::connect(add, &QPushButton::clicked, list, [list] {
        QListWidgetItem *item = addEntry(list, QString());
        list->setCurrentItem(item);
        list->editItem(item);
    });
    QObject::connect(remove, &QPushButton::clicked, list, [list] { delete list->currentItem(); });
    auto updateRemove = [list, remove] { remove->setEnabled(list->currentItem() != nullptr); };
    QObject::connect(list, &QListWidget::currentItemChanged, remove, updateRemove);
    updateRemove();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);

    auto *side = new QVBoxLayout;
    side->addWidget(add);
    side->addWidget(remove);
    side->addStretch();
    auto *body = new QHBoxLayout;
    body->addWidget(list, 1);
    body->addLayout(side);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(
        QCoreApplication::translate("StringListDialog", "One entry per row; double-click to edit."),
        &dialog));
    layout->addLayout(body);
    layout->addWidget(buttons);

    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return entries(list);
}

} // namespace bulkhead
