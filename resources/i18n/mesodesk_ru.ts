<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About MesoDesk</source>
        <translation>О программе MesoDesk</translation>
    </message>
    <message>
        <source>MesoDesk {version}</source>
        <translation>MesoDesk {version}</translation>
    </message>
    <message>
        <source>Charting for mesotherapists and cosmetologists.</source>
        <translation>Медицинская карта для мезотерапевтов и косметологов.</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Версия:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Папка данных:</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt:</translation>
    </message>
    <message>
        <source>Python:</source>
        <translation>Python:</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Лицензия</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>Administrator account</source>
        <translation>Учётная запись администратора</translation>
    </message>
    <message>
        <source>Optional. With an account, MesoDesk asks for a name and password when it starts and locks itself after some idle minutes; leave the name empty for a practice where one person works alone.</source>
        <translation>Необязательно. С учётной записью MesoDesk при запуске спрашивает имя и пароль и блокируется при простое; если работает один человек, оставьте имя пустым.</translation>
    </message>
    <message>
        <source>No account</source>
        <translation>Без учётной записи</translation>
    </message>
    <message>
        <source>Administrator &amp;name</source>
        <translation>&amp;Имя администратора</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>П&amp;ароль</translation>
    </message>
    <message>
        <source>&amp;Repeat the password</source>
        <translation>Пароль &amp;ещё раз</translation>
    </message>
    <message>
        <source>More users (practitioners, reception) are added later in Tools &gt; Users…</source>
        <translation>Других пользователей (специалистов, администраторов приёма) можно добавить позже в меню Сервис &gt; Пользователи…</translation>
    </message>
</context>
<context>
    <name>AnamnesisPane</name>
    <message>
        <source>Pregnant</source>
        <translation>Беременность</translation>
    </message>
    <message>
        <source>Breastfeeding</source>
        <translation>Грудное вскармливание</translation>
    </message>
    <message>
        <source>Tendency to keloid scars</source>
        <translation>Склонность к келоидным рубцам</translation>
    </message>
    <message>
        <source>Fear of injections</source>
        <translation>Страх инъекций</translation>
    </message>
    <message>
        <source>High skin sensitivity</source>
        <translation>Повышенная чувствительность кожи</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Актуально</translation>
    </message>
    <message>
        <source>Noted on</source>
        <translation>Отмечено</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>Substance</source>
        <translation>Вещество</translation>
    </message>
    <message>
        <source>Or group</source>
        <translation>Или группа</translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation>Реакция</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Тяжесть</translation>
    </message>
    <message>
        <source>Medication</source>
        <translation>Препарат</translation>
    </message>
    <message>
        <source>Anticoagulant</source>
        <translation>Антикоагулянт</translation>
    </message>
    <message>
        <source>Antiplatelet</source>
        <translation>Антиагрегант</translation>
    </message>
    <message>
        <source>Retinoid</source>
        <translation>Ретиноид</translation>
    </message>
    <message>
        <source>Hormonal</source>
        <translation>Гормональный</translation>
    </message>
    <message>
        <source>Immunosuppressant</source>
        <translation>Иммунодепрессант</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Отменить изменения</translation>
    </message>
    <message>
        <source>Save anamnesis</source>
        <translation>Сохранить анамнез</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Заболевания и состояния</translation>
    </message>
    <message>
        <source>Add &amp;condition</source>
        <translation>Добавить &amp;состояние</translation>
    </message>
    <message>
        <source>Allergies and intolerances</source>
        <translation>Аллергии и непереносимость</translation>
    </message>
    <message>
        <source>Add a&amp;llergy</source>
        <translation>Добавить &amp;аллергию</translation>
    </message>
    <message>
        <source>Current medications</source>
        <translation>Принимаемые препараты</translation>
    </message>
    <message>
        <source>Add &amp;medication</source>
        <translation>Добавить &amp;препарат</translation>
    </message>
    <message>
        <source>Expected delivery</source>
        <translation>Предполагаемые роды</translation>
    </message>
    <message>
        <source>Childbirth</source>
        <translation>Роды</translation>
    </message>
    <message>
        <source>e.g. lidocaine</source>
        <translation>например, лидокаин</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>e.g. Warfarin 2.5 mg</source>
        <translation>например, Варфарин 2,5 мг</translation>
    </message>
    <message>
        <source>Ticked from the medicine&apos;s name; untick if it does not apply</source>
        <translation>Отмечено по названию препарата; снимите отметку, если не относится</translation>
    </message>
    <message>
        <source>Pregnancy, childbirth and skin</source>
        <translation>Беременность, роды и кожа</translation>
    </message>
    <message>
        <source>Childbirth on</source>
        <translation>Дата родов</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Remove the selected row (Delete)</source>
        <translation>Удалить выбранную строку (Delete)</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>дд.мм.гггг</translation>
    </message>
</context>
<context>
    <name>AttributeEditor</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> мм</translation>
    </message>
    <message>
        <source> ml</source>
        <translation> мл</translation>
    </message>
    <message>
        <source>What was injected: a cocktail, or one product from one of its lots</source>
        <translation>Что вводили: коктейль или один препарат из одной из его серий</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <source>Apply the changed fields to the selected marks</source>
        <translation>Применить изменённые поля к выбранным отметкам</translation>
    </message>
    <message>
        <source>Technique</source>
        <translation>Техника</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Глубина</translation>
    </message>
    <message>
        <source>Per injection</source>
        <translation>На инъекцию</translation>
    </message>
    <message>
        <source>Needle</source>
        <translation>Игла</translation>
    </message>
    <message>
        <source>Injected</source>
        <translation>Введено</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message numerus="yes">
        <source>%n mark(s) selected</source>
        <translation>
            <numerusform>Выбрана %n отметка</numerusform>
            <numerusform>Выбрано %n отметки</numerusform>
            <numerusform>Выбрано %n отметок</numerusform>
        </translation>
    </message>
    <message>
        <source>New marks get</source>
        <translation>Новые отметки получают</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>Last backup: …</source>
        <translation>Последняя резервная копия: …</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Создать резервную копию</translation>
    </message>
    <message>
        <source>R&amp;estore from backup…</source>
        <translation>&amp;Восстановить из резервной копии…</translation>
    </message>
    <message>
        <source>Backup se&amp;ttings…</source>
        <translation>&amp;Настройки резервного копирования…</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Резервное копирование…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Создать резервную копию</translation>
    </message>
    <message>
        <source>Backup cancelled; no backup was made.</source>
        <translation>Резервное копирование отменено; копия не создана.</translation>
    </message>
    <message>
        <source>The last backup was made on {date}.</source>
        <translation>Последняя резервная копия создана {date}.</translation>
    </message>
    <message>
        <source>The automatic backup failed:</source>
        <translation>Автоматическое резервное копирование не удалось:</translation>
    </message>
    <message>
        <source>The backup failed:</source>
        <translation>Резервное копирование не удалось:</translation>
    </message>
    <message>
        <source>Backup made: {name} in {folder}.</source>
        <translation>Резервная копия создана: {name} в папке {folder}.</translation>
    </message>
    <message>
        <source>No backup of this database has been made yet.</source>
        <translation>Резервных копий этой базы данных ещё нет.</translation>
    </message>
    <message>
        <source>The last backup was made on {date}, more than a week ago. Back up now.</source>
        <translation>Последняя резервная копия создана {date}, больше недели назад. Создайте копию сейчас.</translation>
    </message>
    <message>
        <source>Backups are kept in {folder}</source>
        <translation>Резервные копии хранятся в папке {folder}</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Копирование не удалось</translation>
    </message>
    <message>
        <source>No backup yet</source>
        <translation>Резервных копий нет</translation>
    </message>
    <message>
        <source>A backup is under way; restore when it has finished.</source>
        <translation>Идёт резервное копирование; восстановите данные, когда оно закончится.</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Проверка резервной копии…</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Восстановление из резервной копии</translation>
    </message>
    <message>
        <source>MesoDesk backups (*.sqlite3 *.pgdump);;All files (*)</source>
        <translation>Резервные копии MesoDesk (*.sqlite3 *.pgdump);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Replace all the data in this database by the backup {name}?</source>
        <translation>Заменить все данные этой базы резервной копией {name}?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <source>The backup was made on {date} at {time}.</source>
        <translation>Резервная копия создана {date} в {time}.</translation>
    </message>
    <message numerus="yes">
        <source>It holds %n patient card(s).</source>
        <translation>
            <numerusform>В ней %n карта пациента.</numerusform>
            <numerusform>В ней %n карты пациентов.</numerusform>
            <numerusform>В ней %n карт пациентов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything entered after it was made is replaced. The database as it is now is first kept as a backup in {folder}.</source>
        <translation>Всё, что внесено после её создания, будет заменено. Текущая база данных сначала будет сохранена как резервная копия в папке {folder}.</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Восстановление…</translation>
    </message>
    <message>
        <source>Restored the backup {name}.</source>
        <translation>Резервная копия {name} восстановлена.</translation>
    </message>
    <message>
        <source>The data as they were are kept as {copy}.</source>
        <translation>Прежние данные сохранены как {copy}.</translation>
    </message>
    <message>
        <source>Restore cancelled; nothing was changed.</source>
        <translation>Восстановление отменено; ничего не изменено.</translation>
    </message>
    <message>
        <source>Backup settings saved.</source>
        <translation>Настройки резервного копирования сохранены.</translation>
    </message>
</context>
<context>
    <name>BackupLabel</name>
    <message>
        <source>No backup yet</source>
        <translation>Резервных копий нет</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Резервное копирование…</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Проверка резервной копии…</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Восстановление…</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Копирование не удалось</translation>
    </message>
    <message>
        <source>Last backup: {date} {time}</source>
        <translation>Последняя копия: {date} {time}</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>Backups</source>
        <translation>Резервные копии</translation>
    </message>
    <message>
        <source>MesoDesk backs the database up by itself when it starts (at most once a day) and before every upgrade.</source>
        <translation>MesoDesk сам создаёт резервную копию базы данных при запуске (не чаще раза в день) и перед каждым обновлением.</translation>
    </message>
    <message>
        <source>No second copy</source>
        <translation>Без второй копии</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Выбрать…</translation>
    </message>
    <message>
        <source>No cop&amp;y</source>
        <translation>&amp;Без копии</translation>
    </message>
    <message>
        <source>The backups are kept in {folder}.</source>
        <translation>Резервные копии хранятся в папке {folder}.</translation>
    </message>
    <message>
        <source>Also &amp;copy to</source>
        <translation>&amp;Копировать также в</translation>
    </message>
    <message>
        <source>A USB disk or a network share, so the data survive a broken disk. If it is not there when a backup is made, the window says so; the backup itself is still made.</source>
        <translation>USB-диск или сетевая папка — чтобы данные уцелели, если диск компьютера выйдет из строя. Если при копировании её нет, окно сообщит об этом; сама резервная копия всё равно будет создана.</translation>
    </message>
    <message>
        <source>Everything chosen here can be changed later: Tools &gt; Clinic settings and File &gt; Backup settings.</source>
        <translation>Всё выбранное здесь можно изменить позже: Сервис &gt; Настройки клиники и Файл &gt; Настройки резервного копирования.</translation>
    </message>
    <message>
        <source>Folder for copies of the backups</source>
        <translation>Папка для копий резервных копий</translation>
    </message>
</context>
<context>
    <name>BackupSettingsDialog</name>
    <message>
        <source>Backup settings</source>
        <translation>Резервное копирование</translation>
    </message>
    <message>
        <source>MesoDesk backs the database up by itself when it starts (at most once a day) and before every upgrade, into {folder}.</source>
        <translation>MesoDesk сам создаёт резервную копию базы данных при запуске (не чаще раза в день) и перед каждым обновлением, в папку {folder}.</translation>
    </message>
    <message>
        <source> newest backups</source>
        <translation> последних копий</translation>
    </message>
    <message>
        <source>No second copy</source>
        <translation>Без второй копии</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>No copy</source>
        <translation>Без копии</translation>
    </message>
    <message>
        <source>A USB disk or a network share. If it is not there when a backup is made, the window says so; the backup itself is still made.</source>
        <translation>USB-диск или сетевая папка. Если при копировании её нет, окно сообщит об этом; сама резервная копия всё равно будет создана.</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Хранить</translation>
    </message>
    <message>
        <source>Also &amp;copy to</source>
        <translation>Также &amp;копировать в</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Folder for copies of the backups</source>
        <translation>Папка для копий резервных копий</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>starter</source>
        <translation>стартовый</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <source>Starter catalog entry: yours to edit.</source>
        <translation>Запись стартового каталога: её можно изменить.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>Ctrl+Delete</source>
        <translation>Ctrl+Delete</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Создать</translation>
    </message>
    <message>
        <source>Delete {what}?</source>
        <translation>Удалить: {what}?</translation>
    </message>
    <message>
        <source>Discard the changes you typed in this form?</source>
        <translation>Отменить изменения, внесённые в эту форму?</translation>
    </message>
</context>
<context>
    <name>CatalogWindow</name>
    <message>
        <source>Catalog — MesoDesk</source>
        <translation>Каталог — MesoDesk</translation>
    </message>
    <message>
        <source>Ingredients</source>
        <translation>Компоненты</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Препараты</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Серии</translation>
    </message>
    <message>
        <source>Cocktails</source>
        <translation>Коктейли</translation>
    </message>
    <message>
        <source>Lot recall</source>
        <translation>Отзыв серии</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Каталог</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <source>Menstruation</source>
        <translation>Менструация</translation>
    </message>
    <message>
        <source>Fever</source>
        <translation>Повышенная температура</translation>
    </message>
    <message>
        <source>Active herpes</source>
        <translation>Активный герпес</translation>
    </message>
    <message>
        <source>Inflammation in the area</source>
        <translation>Воспаление в зоне</translation>
    </message>
    <message>
        <source>Fungal infection in the area</source>
        <translation>Грибковая инфекция в зоне</translation>
    </message>
    <message>
        <source>Wounds in the area</source>
        <translation>Раны в зоне</translation>
    </message>
    <message>
        <source>Chronic disease flare</source>
        <translation>Обострение хр. болезни</translation>
    </message>
    <message>
        <source>Acne flare</source>
        <translation>Обострение акне</translation>
    </message>
    <message>
        <source>Respiratory disease</source>
        <translation>ОРВИ</translation>
    </message>
    <message>
        <source>Ask the patient today; tick what applies:</source>
        <translation>Спросите пациента сегодня; отметьте, что относится:</translation>
    </message>
    <message>
        <source>Deep peeling on</source>
        <translation>Глубокий пилинг</translation>
    </message>
    <message>
        <source>Surgery on</source>
        <translation>Операция</translation>
    </message>
    <message>
        <source>None apply</source>
        <translation>Ничего из перечисленного</translation>
    </message>
    <message>
        <source>The patient answered no to every question today</source>
        <translation>Сегодня пациент ответил «нет» на все вопросы</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>дд.мм.гггг</translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <source>From the chart: remove the marks to remove it</source>
        <translation>Из схемы: чтобы убрать, удалите отметки</translation>
    </message>
    <message>
        <source>Remove {item}</source>
        <translation>Убрать: {item}</translation>
    </message>
</context>
<context>
    <name>ChoiceChips</name>
    <message>
        <source>None charted yet</source>
        <translation>На схеме пока ничего нет</translation>
    </message>
</context>
<context>
    <name>ClinicRulesWindow</name>
    <message>
        <source>Clinic rules — MesoDesk</source>
        <translation>Правила клиники — MesoDesk</translation>
    </message>
    <message>
        <source>The clinic keeps no version of its own: the one shipped with MesoDesk is in force. Type the clinic&apos;s version here, start from the shipped one, or import a file.</source>
        <translation>У клиники нет своей версии: действует стандартная, поставляемая с MesoDesk. Введите здесь версию клиники, начните со стандартной или импортируйте файл.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>Save for every workstation (Ctrl+S)</source>
        <translation>Сохранить для всех рабочих мест (Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Discard changes</source>
        <translation>&amp;Отменить изменения</translation>
    </message>
    <message>
        <source>Start from &amp;shipped</source>
        <translation>&amp;Начать со стандартной</translation>
    </message>
    <message>
        <source>&amp;Use shipped</source>
        <translation>&amp;Вернуть стандартную</translation>
    </message>
    <message>
        <source>Drop the clinic&apos;s version: the one shipped with MesoDesk is in force</source>
        <translation>Отказаться от версии клиники: будет действовать стандартная, поставляемая с MesoDesk</translation>
    </message>
    <message>
        <source>&amp;Import file…</source>
        <translation>&amp;Импорт файла…</translation>
    </message>
    <message>
        <source>&amp;Export file…</source>
        <translation>&amp;Экспорт файла…</translation>
    </message>
    <message>
        <source>This file is too large to keep; nothing was saved.</source>
        <translation>Файл слишком большой; ничего не сохранено.</translation>
    </message>
    <message>
        <source>Saved: every workstation now works from this version.</source>
        <translation>Сохранено: теперь все рабочие места используют эту версию.</translation>
    </message>
    <message>
        <source>The version shipped with MesoDesk is in force again.</source>
        <translation>Снова действует стандартная версия, поставляемая с MesoDesk.</translation>
    </message>
    <message>
        <source>{file} cannot be read as UTF-8 text; nothing was saved.</source>
        <translation>Файл {file} не читается как текст UTF-8; ничего не сохранено.</translation>
    </message>
    <message>
        <source>Imported {file}.</source>
        <translation>Импортирован файл {file}.</translation>
    </message>
    <message>
        <source>{file} could not be written: {reason}</source>
        <translation>Не удалось записать {file}: {reason}</translation>
    </message>
    <message>
        <source>Saved {file}.</source>
        <translation>Сохранено: {file}.</translation>
    </message>
    <message>
        <source>Import a clinic rules file</source>
        <translation>Импорт файла правил клиники</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Файлы JSON (*.json)</translation>
    </message>
    <message>
        <source>Export a clinic rules file</source>
        <translation>Экспорт файла правил клиники</translation>
    </message>
    <message>
        <source>Shipped with MesoDesk (the clinic keeps no version of its own)</source>
        <translation>Стандартная версия MesoDesk (своей версии у клиники нет)</translation>
    </message>
    <message>
        <source>The clinic&apos;s version, saved {when} (revision {revision})</source>
        <translation>Версия клиники, сохранена {when} (редакция {revision})</translation>
    </message>
    <message>
        <source>This version cannot be used, so the shipped one is in force: {reason}</source>
        <translation>Эту версию нельзя использовать, поэтому действует стандартная: {reason}</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Не сохранено: {reason}</translation>
    </message>
    <message>
        <source>Contraindication catalog</source>
        <translation>Каталог противопоказаний</translation>
    </message>
    <message>
        <source>Medicine dictionary</source>
        <translation>Справочник лекарств</translation>
    </message>
    <message>
        <source>Charting templates</source>
        <translation>Шаблоны схем</translation>
    </message>
    <message>
        <source>Wording common to documents</source>
        <translation>Общие тексты документов</translation>
    </message>
    <message>
        <source>Aftercare sheet</source>
        <translation>Памятка после процедуры</translation>
    </message>
    <message>
        <source>Consent form</source>
        <translation>Информированное согласие</translation>
    </message>
    <message>
        <source>Visit summary</source>
        <translation>Протокол визита</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>русский</translation>
    </message>
    <message>
        <source>English</source>
        <translation>английский</translation>
    </message>
    <message>
        <source>{document}, {language}</source>
        <translation>{document}, {language}</translation>
    </message>
</context>
<context>
    <name>ClinicSettingsDialog</name>
    <message>
        <source>Clinic settings</source>
        <translation>Настройки клиники</translation>
    </message>
    <message>
        <source>As printed on the letterhead</source>
        <translation>Как на бланке</translation>
    </message>
    <message>
        <source>Choose PNG…</source>
        <translation>Выбрать PNG…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Print the logo on documents</source>
        <translation>Печатать логотип на документах</translation>
    </message>
    <message>
        <source>Name printed on visit records</source>
        <translation>Имя в записях о визитах</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Пн</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Вт</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Ср</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Чт</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Пт</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Сб</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Вс</translation>
    </message>
    <message>
        <source>Course visits are booked on working days only, within these hours, at the patient&apos;s usual time or else at opening.</source>
        <translation>Визиты курса назначаются только в рабочие дни, в эти часы: в привычное для пациента время, иначе — к открытию.</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Язык интерфейса</translation>
    </message>
    <message>
        <source>Kept on this computer. MesoDesk shows the new language the next time it starts; nothing has to be reinstalled.</source>
        <translation>Хранится на этом компьютере. Новый язык появится при следующем запуске MesoDesk; переустанавливать ничего не нужно.</translation>
    </message>
    <message>
        <source>Letterhead</source>
        <translation>Бланк</translation>
    </message>
    <message>
        <source>Clinic &amp;name</source>
        <translation>&amp;Название клиники</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Адрес</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Телефон</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Логотип</translation>
    </message>
    <message>
        <source>to</source>
        <translation>до</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Визиты</translation>
    </message>
    <message>
        <source>&amp;Currency</source>
        <translation>&amp;Валюта</translation>
    </message>
    <message>
        <source>P&amp;ractitioner</source>
        <translation>&amp;Специалист</translation>
    </message>
    <message>
        <source>&amp;Working days</source>
        <translation>&amp;Рабочие дни</translation>
    </message>
    <message>
        <source>&amp;Opening hours</source>
        <translation>&amp;Часы работы</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Интерфейс</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Choose the clinic logo</source>
        <translation>Выберите логотип клиники</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Изображения PNG (*.png)</translation>
    </message>
    <message>
        <source>Cannot read {file}: {reason}.</source>
        <translation>Не удалось прочитать {file}: {reason}.</translation>
    </message>
</context>
<context>
    <name>CocktailPage</name>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>Зоны</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>Рецептура</translation>
    </message>
    <message>
        <source>New cocktail</source>
        <translation>Новый коктейль</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Препарат</translation>
    </message>
    <message>
        <source>Volume, ml</source>
        <translation>Объём, мл</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Russian name</source>
        <translation>Название по-русски</translation>
    </message>
    <message>
        <source>Areas, indications</source>
        <translation>Зоны, показания</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Product to add</source>
        <translation>Препарат для добавления</translation>
    </message>
    <message>
        <source>Enter the volume of {product} in ml, such as 1.5.</source>
        <translation>Укажите объём {product} в мл, например 1,5.</translation>
    </message>
    <message>
        <source>Choose a product from the list, or add it first.</source>
        <translation>Выберите препарат из списка или сначала добавьте его.</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>Keep from {KEEP_MIN} to {KEEP_MAX} backups.</source>
        <translation>Храните от {KEEP_MIN} до {KEEP_MAX} резервных копий.</translation>
    </message>
    <message>
        <source>The folder path is too long.</source>
        <translation>Слишком длинный путь к папке.</translation>
    </message>
    <message>
        <source>Give the folder&apos;s full path (a USB disk or a network share).</source>
        <translation>Укажите полный путь к папке (USB-диск или сетевая папка).</translation>
    </message>
    <message>
        <source>The folder path holds a character no folder name can have.</source>
        <translation>В пути к папке есть символ, недопустимый в имени папки.</translation>
    </message>
    <message>
        <source>Enter the currency as a three-letter code, such as RUB or EUR.</source>
        <translation>Укажите валюту трёхбуквенным кодом, например RUB или EUR.</translation>
    </message>
    <message>
        <source>Choose a logo file before asking to show it.</source>
        <translation>Сначала выберите файл логотипа, потом включайте его печать.</translation>
    </message>
    <message>
        <source>Tick at least one working day.</source>
        <translation>Отметьте хотя бы один рабочий день.</translation>
    </message>
    <message>
        <source>The closing time must be later than the opening time.</source>
        <translation>Время закрытия должно быть позже времени открытия.</translation>
    </message>
    <message>
        <source>A working day must be a day of the week, Monday to Sunday.</source>
        <translation>Рабочий день должен быть днём недели, с понедельника по воскресенье.</translation>
    </message>
    <message>
        <source>The clinic has no working day to book a session on.</source>
        <translation>У клиники нет рабочих дней, на которые можно назначить процедуру.</translation>
    </message>
    <message>
        <source>The two passwords differ; type the same one twice.</source>
        <translation>Пароли не совпадают; введите один и тот же пароль дважды.</translation>
    </message>
    <message>
        <source>Enter the last name.</source>
        <translation>Укажите фамилию.</translation>
    </message>
    <message>
        <source>This does not look like an e-mail address (name@example.com).</source>
        <translation>Это не похоже на адрес электронной почты (name@example.com).</translation>
    </message>
    <message>
        <source>Enter the date as dd.mm.yyyy, for example 07.03.1985.</source>
        <translation>Введите дату в формате дд.мм.гггг, например 07.03.1985.</translation>
    </message>
    <message>
        <source>A name can be at most {NAME_MAX} characters.</source>
        <translation>Имя может содержать не более {NAME_MAX} символов.</translation>
    </message>
    <message>
        <source>The date of birth cannot be in the future.</source>
        <translation>Дата рождения не может быть в будущем.</translation>
    </message>
    <message>
        <source>A phone number holds digits, spaces and + ( ) - . only.</source>
        <translation>Номер телефона может содержать только цифры, пробелы и символы + ( ) - .</translation>
    </message>
    <message>
        <source>Check the year of birth.</source>
        <translation>Проверьте год рождения.</translation>
    </message>
    <message>
        <source>A phone number needs at least {PHONE_DIGITS_MIN} digits.</source>
        <translation>В номере телефона должно быть не меньше {PHONE_DIGITS_MIN} цифр.</translation>
    </message>
    <message>
        <source>A phone number has at most {PHONE_DIGITS_MAX} digits.</source>
        <translation>В номере телефона может быть не больше {PHONE_DIGITS_MAX} цифр.</translation>
    </message>
    <message>
        <source>Name the substance or the group for every allergy.</source>
        <translation>Для каждой аллергии укажите вещество или группу.</translation>
    </message>
    <message>
        <source>Enter the name of every medication.</source>
        <translation>Укажите название каждого препарата.</translation>
    </message>
    <message>
        <source>The childbirth date cannot be in the future.</source>
        <translation>Дата родов не может быть в будущем.</translation>
    </message>
    <message>
        <source>This patient no longer exists; the list has been refreshed.</source>
        <translation>Этого пациента больше нет; список обновлён.</translation>
    </message>
    <message>
        <source>At most {ANAMNESIS_ENTRIES} entries can be kept here.</source>
        <translation>Здесь можно хранить не более {ANAMNESIS_ENTRIES} записей.</translation>
    </message>
    <message>
        <source>{value0} is not a MesoDesk database with data to back up: {value2}.</source>
        <translation>{value0} — не база данных MesoDesk с данными для резервного копирования: {value2}.</translation>
    </message>
    <message>
        <source>No backup was made: {value1}.</source>
        <translation>Резервная копия не создана: {value1}.</translation>
    </message>
    <message>
        <source>No backup was made in {folder}: {value3}.</source>
        <translation>Резервная копия в папке {folder} не создана: {value3}.</translation>
    </message>
    <message>
        <source>{value0}; no backup was made.</source>
        <translation>{value0}; резервная копия не создана.</translation>
    </message>
    <message>
        <source>The current database could not be backed up first ({exc}). If it is damaged, move the file aside and restore with --create</source>
        <translation>Не удалось сначала сохранить копию текущей базы данных ({exc}). Если база повреждена, переместите файл в другое место и восстановите данные с параметром --create</translation>
    </message>
    <message>
        <source>This record was changed on another workstation after you opened it. Reload it to see the changes, then edit again.</source>
        <translation>Запись изменили на другом рабочем месте после того, как вы её открыли. Загрузите её заново, чтобы увидеть изменения, и внесите правки ещё раз.</translation>
    </message>
    <message>
        <source>Another workstation saved the same record at the same moment. Reload it, then save again.</source>
        <translation>Другое рабочее место сохранило эту запись в тот же момент. Загрузите её заново и сохраните ещё раз.</translation>
    </message>
    <message>
        <source>The database is busy or cannot be written just now; nothing was saved. Try again in a moment.</source>
        <translation>База данных занята или сейчас недоступна для записи; ничего не сохранено. Повторите через минуту.</translation>
    </message>
    <message>
        <source>The database is open read-only (its file or folder is read-only); nothing was saved.</source>
        <translation>База данных открыта только для чтения (файл или папка защищены от записи); ничего не сохранено.</translation>
    </message>
    <message>
        <source>The database cannot be read just now. Try again in a moment.</source>
        <translation>Сейчас не удаётся прочитать базу данных. Повторите через минуту.</translation>
    </message>
    <message>
        <source>Another record already has this {what}; nothing was saved. Choose another {what}, or reload to use the existing record (it may have just been saved on another workstation).</source>
        <translation>Другая запись уже использует это значение ({what}); ничего не сохранено. Выберите другое значение или загрузите данные заново, чтобы использовать существующую запись (возможно, её только что сохранили на другом рабочем месте).</translation>
    </message>
    <message>
        <source>This refers to a record that no longer exists (it may have been deleted on another workstation); nothing was saved. Reload, then save again.</source>
        <translation>Здесь есть ссылка на запись, которой больше нет (возможно, её удалили на другом рабочем месте); ничего не сохранено. Загрузите данные заново и сохраните ещё раз.</translation>
    </message>
    <message>
        <source>A value is too long or cannot be stored (a text with a NUL character, a number out of range); nothing was saved.</source>
        <translation>Значение слишком длинное или не может быть сохранено (текст с символом NUL, число вне допустимого диапазона); ничего не сохранено.</translation>
    </message>
    <message>
        <source>The text asked for contains a broken character (often from a damaged paste) and cannot be looked up. Retype it.</source>
        <translation>В искомом тексте есть повреждённый символ (часто после неудачной вставки), поиск невозможен. Наберите текст заново.</translation>
    </message>
    <message>
        <source>A value asked for cannot be used by the database (a NUL character, a number out of range).</source>
        <translation>Искомое значение не может быть использовано базой данных (символ NUL, число вне допустимого диапазона).</translation>
    </message>
    <message>
        <source>A required value is missing or out of range; nothing was saved.</source>
        <translation>Обязательное значение не указано или вне допустимого диапазона; ничего не сохранено.</translation>
    </message>
    <message>
        <source>A text contains a broken character (often from a damaged paste) that cannot be stored; nothing was saved. Retype the text and try again.</source>
        <translation>В тексте есть повреждённый символ (часто после неудачной вставки), его нельзя сохранить; ничего не сохранено. Наберите текст заново и повторите.</translation>
    </message>
    <message>
        <source>A product can list at most {INGREDIENTS_PER_PRODUCT} ingredients.</source>
        <translation>В составе препарата может быть не более {INGREDIENTS_PER_PRODUCT} компонентов.</translation>
    </message>
    <message>
        <source>Enter the lot number printed on the pack.</source>
        <translation>Укажите номер серии, напечатанный на упаковке.</translation>
    </message>
    <message>
        <source>Enter the expiry date printed on the pack.</source>
        <translation>Укажите срок годности, напечатанный на упаковке.</translation>
    </message>
    <message>
        <source>Enter the quantity on hand as a number.</source>
        <translation>Укажите остаток числом.</translation>
    </message>
    <message>
        <source>A recipe can hold at most {COCKTAIL_LINES} products.</source>
        <translation>В рецептуре может быть не более {COCKTAIL_LINES} препаратов.</translation>
    </message>
    <message>
        <source>This {kind} is no longer in the catalog; it was deleted meanwhile.</source>
        <translation>Этой записи ({kind}) больше нет в каталоге: её удалили.</translation>
    </message>
    <message>
        <source>Count the stock in millilitres or in units.</source>
        <translation>Ведите учёт в миллилитрах или в единицах.</translation>
    </message>
    <message>
        <source>The quantity on hand cannot be below zero.</source>
        <translation>Остаток не может быть меньше нуля.</translation>
    </message>
    <message>
        <source>Choose the product this lot is of.</source>
        <translation>Выберите препарат, к которому относится серия.</translation>
    </message>
    <message>
        <source>Add at least one product to the recipe.</source>
        <translation>Добавьте в рецептуру хотя бы один препарат.</translation>
    </message>
    <message>
        <source>{name} is listed twice; list it once.</source>
        <translation>{name} указан дважды; оставьте одну строку.</translation>
    </message>
    <message>
        <source>An ingredient of this product was deleted meanwhile; reload the catalog and choose again.</source>
        <translation>Тем временем компонент этого препарата удалили; загрузите каталог заново и выберите снова.</translation>
    </message>
    <message>
        <source>This product is recorded in visits, whose screening reads its composition; it cannot be left without ingredients.</source>
        <translation>Препарат записан в визитах, и их проверка опирается на его состав; оставить его без компонентов нельзя.</translation>
    </message>
    <message>
        <source>Enter at most {MAX_AMOUNT}; larger numbers are a typing slip.</source>
        <translation>Укажите не более {MAX_AMOUNT}; большее число — опечатка.</translation>
    </message>
    <message>
        <source>{name} is counted in whole units.</source>
        <translation>{name} учитывается целыми единицами.</translation>
    </message>
    <message>
        <source>Lot {number} of {name} is already on record; edit that lot instead.</source>
        <translation>Серия {number} препарата {name} уже записана; измените эту серию.</translation>
    </message>
    <message>
        <source>The volume of {product_name}: {problem}</source>
        <translation>Объём {product_name}: {problem}</translation>
    </message>
    <message>
        <source>A product of this recipe was deleted meanwhile; reload the catalog and choose again.</source>
        <translation>Тем временем препарат из этой рецептуры удалили; загрузите каталог заново и выберите снова.</translation>
    </message>
    <message>
        <source>{name} is an ingredient of {users}. Remove it from those products first.</source>
        <translation>{name} входит в состав: {users}. Сначала уберите его из этих препаратов.</translation>
    </message>
    <message>
        <source>{name} has {lots} lot{value4} on record, which visits may refer to; it cannot be deleted.</source>
        <translation>У препарата {name} записано серий: {lots}; на них могут ссылаться визиты, поэтому удалить его нельзя.</translation>
    </message>
    <message>
        <source>{name} is used in the cocktail {cocktails}. Remove it from the recipe first.</source>
        <translation>{name} входит в коктейль {cocktails}. Сначала уберите его из рецептуры.</translation>
    </message>
    <message>
        <source>Lot {lot_number} was used in {used} visit{value5}; it is kept so a recall can find the patients.</source>
        <translation>Серия {lot_number} использована в визитах ({used}); она сохраняется, чтобы при отзыве можно было найти пациентов.</translation>
    </message>
    <message>
        <source>{name} is recorded in visits; it is kept so those records stay complete.</source>
        <translation>{name} записан в визитах; запись сохраняется, чтобы эти визиты оставались полными.</translation>
    </message>
    <message>
        <source>{name} is recorded in visits; its names and unit stay as recorded there (a missing Russian name may still be added). Add a new product instead.</source>
        <translation>{name} записан в визитах; названия и единица учёта остаются такими, как там записано (недостающее русское название добавить можно). Вместо этого добавьте новый препарат.</translation>
    </message>
    <message>
        <source>Lot {lot_number} is recorded in visits; its product, number and expiry stay as recorded. Only the quantity on hand can change.</source>
        <translation>Серия {lot_number} записана в визитах; препарат, номер и срок годности остаются как записано. Изменить можно только остаток.</translation>
    </message>
    <message>
        <source>There is no patient with id {patient_id}.</source>
        <translation>Пациента с номером {patient_id} нет.</translation>
    </message>
    <message>
        <source>Choose from the list.</source>
        <translation>Выберите из списка.</translation>
    </message>
    <message>
        <source>This course already has visits booked; change them in the patient&apos;s visits.</source>
        <translation>По этому курсу уже назначены визиты; меняйте их в визитах пациента.</translation>
    </message>
    <message>
        <source>The patient&apos;s visits changed while the plan was open; check the proposed visits again, then create the course.</source>
        <translation>Пока план был открыт, визиты пациента изменились; проверьте предложенные визиты ещё раз и создайте курс.</translation>
    </message>
    <message>
        <source>The visit on the course&apos;s first day was deleted meanwhile.</source>
        <translation>Тем временем визит в первый день курса удалили.</translation>
    </message>
    <message>
        <source>This course no longer exists; it was deleted meanwhile.</source>
        <translation>Этого курса больше нет: его удалили.</translation>
    </message>
    <message>
        <source>There is no visit number {visit_id}.</source>
        <translation>Визита номер {visit_id} нет.</translation>
    </message>
    <message>
        <source>Only the visit summary can carry the visit&apos;s photos.</source>
        <translation>Фотографии визита можно включить только в протокол визита.</translation>
    </message>
    <message>
        <source>The patient of visit number {visit_id} no longer exists.</source>
        <translation>Пациента визита номер {visit_id} больше нет.</translation>
    </message>
    <message>
        <source>Every point of a mark must lie on the diagram.</source>
        <translation>Все точки отметки должны лежать на схеме.</translation>
    </message>
    <message>
        <source>There is no visit with id {visit_id}.</source>
        <translation>Визита с номером {visit_id} нет.</translation>
    </message>
    <message>
        <source>Some of these marks were deleted on another workstation; reload the visit.</source>
        <translation>Часть этих отметок удалили на другом рабочем месте; загрузите визит заново.</translation>
    </message>
    <message>
        <source>This lot is no longer in the catalog; choose another.</source>
        <translation>Этой серии больше нет в каталоге; выберите другую.</translation>
    </message>
    <message>
        <source>The photo of these marks was removed; reload the visit.</source>
        <translation>Фото, на котором стоят эти отметки, удалено; откройте визит заново.</translation>
    </message>
    <message>
        <source>The depth: {problem}</source>
        <translation>Глубина: {problem}</translation>
    </message>
    <message>
        <source>The volume per injection: {problem}</source>
        <translation>Объём на инъекцию: {problem}</translation>
    </message>
    <message>
        <source>The needle may have at most {NEEDLE_LIMIT} characters.</source>
        <translation>Описание иглы может содержать не более {NEEDLE_LIMIT} символов.</translation>
    </message>
    <message>
        <source>A mark is injected with a cocktail or with one product, not both.</source>
        <translation>В отметку вводят либо коктейль, либо один препарат, но не то и другое.</translation>
    </message>
    <message>
        <source>At most {MARKS_PER_ACTION} marks can be changed in one step.</source>
        <translation>За один шаг можно изменить не более {MARKS_PER_ACTION} отметок.</translation>
    </message>
    <message>
        <source>This cocktail is no longer in the catalog; choose another.</source>
        <translation>Этого коктейля больше нет в каталоге; выберите другой.</translation>
    </message>
    <message>
        <source>A mark can only be placed on a photo of its own visit.</source>
        <translation>Отметку можно поставить только на фото своего визита.</translation>
    </message>
    <message>
        <source>A mark can have at most {MARK_POINTS} points.</source>
        <translation>В отметке может быть не более {MARK_POINTS} точек.</translation>
    </message>
    <message>
        <source>Choose the technique from the list.</source>
        <translation>Выберите технику из списка.</translation>
    </message>
    <message>
        <source>These marks were charted again on another workstation; reload the visit.</source>
        <translation>Эти отметки заново нанесли на другом рабочем месте; загрузите визит заново.</translation>
    </message>
    <message>
        <source>There is no earlier done visit to repeat the chart of.</source>
        <translation>Нет более раннего проведённого визита, схему которого можно повторить.</translation>
    </message>
    <message>
        <source>The last visit has no marks to repeat.</source>
        <translation>В прошлом визите нет отметок для повтора.</translation>
    </message>
    <message>
        <source>This template was deleted on another workstation.</source>
        <translation>Этот шаблон удалили на другом рабочем месте.</translation>
    </message>
    <message>
        <source>Only marks that were saved can be restored.</source>
        <translation>Восстановить можно только сохранённые отметки.</translation>
    </message>
    <message>
        <source>Every point of a mark must lie on the photo.</source>
        <translation>Каждая точка отметки должна лежать на фото.</translation>
    </message>
    <message>
        <source>The anamnesis records {value1}, which a male patient cannot have. Correct the anamnesis first, or keep the sex as it is.</source>
        <translation>В анамнезе записано: {value1} — у пациента мужского пола этого быть не может. Сначала исправьте анамнез или оставьте пол прежним.</translation>
    </message>
    <message>
        <source>A stored photo has a name MesoDesk did not give it.</source>
        <translation>Имя сохранённой фотографии присвоено не программой MesoDesk.</translation>
    </message>
    <message>
        <source>A stored photo is missing or damaged in the data folder; restore the data folder from a backup.</source>
        <translation>Сохранённой фотографии нет в папке данных, или она повреждена; восстановите папку данных из резервной копии.</translation>
    </message>
    <message>
        <source>This photo has {count} injection mark(s) on it, so it is not removed: delete them on the chart first (choose the photo in the chart&apos;s list, select all marks, delete).</source>
        <translation>На этом фото отметок инъекций: {count}, поэтому оно не удалено. Сначала удалите их на схеме (выберите фото в списке схем, выделите все отметки, удалите).</translation>
    </message>
    <message>
        <source>This photo has {count} injection mark(s) placed on its view, so its view is not changed: delete them on the chart first.</source>
        <translation>На этом фото отметок инъекций: {count}, они поставлены на этот ракурс, поэтому ракурс не изменён. Сначала удалите их на схеме.</translation>
    </message>
    <message>
        <source>This photo no longer exists (it may have been removed).</source>
        <translation>Этой фотографии больше нет (возможно, её удалили).</translation>
    </message>
    <message>
        <source>This photo is part of a signed visit and cannot be changed or removed.</source>
        <translation>Фотография относится к подписанному визиту; её нельзя изменить или убрать.</translation>
    </message>
    <message>
        <source>A photo of another patient cannot go on this patient&apos;s material.</source>
        <translation>Фотографию другого пациента нельзя включить в документы этого пациента.</translation>
    </message>
    <message>
        <source>Choose at least one photo.</source>
        <translation>Выберите хотя бы одну фотографию.</translation>
    </message>
    <message>
        <source>The note is longer than {NOTE_MAX} characters.</source>
        <translation>Примечание длиннее {NOTE_MAX} символов.</translation>
    </message>
    <message>
        <source>The time taken needs a time zone.</source>
        <translation>Для времени съёмки нужен часовой пояс.</translation>
    </message>
    <message>
        <source>Give the day the patient gave consent.</source>
        <translation>Укажите дату, когда пациент дал согласие.</translation>
    </message>
    <message>
        <source>The consent date is in the future.</source>
        <translation>Дата согласия ещё не наступила.</translation>
    </message>
    <message>
        <source>{name}: has no shipped version to go back to; edit it instead</source>
        <translation>{name}: стандартной версии нет, вернуться к ней нельзя; измените текущую</translation>
    </message>
    <message>
        <source>There is no clinic rules file to import.</source>
        <translation>Нет файла правил клиники для импорта.</translation>
    </message>
    <message>
        <source>This answer was changed on another workstation after you opened the questions, to another value; nothing was saved. The answers as stored now are shown: check them, then answer again.</source>
        <translation>После того как вы открыли вопросы, этот ответ изменили на другом рабочем месте; ничего не сохранено. Показаны ответы в том виде, в каком они сохранены сейчас: проверьте их и ответьте ещё раз.</translation>
    </message>
    <message>
        <source>This visit no longer exists; it may have been deleted elsewhere.</source>
        <translation>Этого визита больше нет; возможно, его удалили на другом рабочем месте.</translation>
    </message>
    <message>
        <source>This visit is signed; corrections go into an addendum.</source>
        <translation>Визит подписан; исправления вносятся дополнением.</translation>
    </message>
    <message>
        <source>Select the marks to keep in the template first.</source>
        <translation>Сначала выберите отметки, которые нужно сохранить в шаблоне.</translation>
    </message>
    <message>
        <source>A template can hold at most {MAX_TEMPLATE_MARKS} marks.</source>
        <translation>В шаблоне может быть не более {MAX_TEMPLATE_MARKS} отметок.</translation>
    </message>
    <message>
        <source>Marks on a photo belong to that photo and cannot be kept in a template; select marks on a diagram.</source>
        <translation>Отметки на фото относятся к этому фото и не сохраняются в шаблон; выделите отметки на схеме.</translation>
    </message>
    <message>
        <source>This template was already deleted.</source>
        <translation>Этот шаблон уже удалён.</translation>
    </message>
    <message>
        <source>A mark of the selection cannot be kept: {value1}</source>
        <translation>Одну из выбранных отметок сохранить нельзя: {value1}</translation>
    </message>
    <message>
        <source>You cannot disable the account you are signed in with.</source>
        <translation>Нельзя отключить учётную запись, под которой вы вошли.</translation>
    </message>
    <message>
        <source>This is the last active administrator: make another user an administrator first, or nobody could manage the users from the window.</source>
        <translation>Это последний активный администратор: сначала назначьте администратором другого пользователя, иначе управлять пользователями из программы будет некому.</translation>
    </message>
    <message>
        <source>This database already has users; add more in Tools &gt; Users.</source>
        <translation>В этой базе уже есть пользователи; добавьте новых в меню Сервис &gt; Пользователи.</translation>
    </message>
    <message>
        <source>A template called “{cleaned}” exists already.</source>
        <translation>Шаблон «{cleaned}» уже есть.</translation>
    </message>
    <message>
        <source>There is no user named {value1}.</source>
        <translation>Пользователя с именем {value1} нет.</translation>
    </message>
    <message>
        <source>The idle lock is from {low} to {high} minutes.</source>
        <translation>Блокировка при бездействии — от {low} до {high} минут.</translation>
    </message>
    <message>
        <source>This visit is signed and can no longer be changed; write an addendum to correct it.</source>
        <translation>Визит подписан и больше не может быть изменён; для исправления напишите дополнение.</translation>
    </message>
    <message>
        <source>The practitioner&apos;s name is longer than {NAME_LIMIT} characters.</source>
        <translation>Имя специалиста длиннее {NAME_LIMIT} символов.</translation>
    </message>
    <message>
        <source>Enter the price as a number.</source>
        <translation>Укажите стоимость числом.</translation>
    </message>
    <message>
        <source>The price cannot be negative.</source>
        <translation>Стоимость не может быть отрицательной.</translation>
    </message>
    <message>
        <source>Start the visit before recording it.</source>
        <translation>Запись о визите можно сделать только после его начала.</translation>
    </message>
    <message>
        <source>There is no course with id {course_id} for this patient.</source>
        <translation>У этого пациента нет курса с номером {course_id}.</translation>
    </message>
    <message>
        <source>A visit on a future day cannot be marked done yet.</source>
        <translation>Визит на будущую дату пока нельзя отметить проведённым.</translation>
    </message>
    <message>
        <source>Products are recorded for this visit; remove them before marking it cancelled or a no-show.</source>
        <translation>В визите записаны препараты; удалите их, прежде чем отмечать визит отменённым или неявкой.</translation>
    </message>
    <message>
        <source>This price is too large; check the number.</source>
        <translation>Слишком большая стоимость; проверьте число.</translation>
    </message>
    <message>
        <source>Only a planned visit can be moved.</source>
        <translation>Перенести можно только запланированный визит.</translation>
    </message>
    <message>
        <source>Lot {lot_id} is not in the catalog.</source>
        <translation>Серии {lot_id} нет в каталоге.</translation>
    </message>
    <message>
        <source>Only a done visit can be signed; mark it done first.</source>
        <translation>Подписать можно только проведённый визит; сначала отметьте его проведённым.</translation>
    </message>
    <message>
        <source>The visit is not signed yet: correct the record itself.</source>
        <translation>Визит ещё не подписан: исправьте саму запись.</translation>
    </message>
    <message>
        <source>Choose one of this patient&apos;s courses.</source>
        <translation>Выберите один из курсов этого пациента.</translation>
    </message>
</context>
<context>
    <name>Counted</name>
    <message numerus="yes">
        <source>%n years</source>
        <translation>
            <numerusform>%n год</numerusform>
            <numerusform>%n года</numerusform>
            <numerusform>%n лет</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n mark(s)</source>
        <translation>
            <numerusform>Добавить %n отметку</numerusform>
            <numerusform>Добавить %n отметки</numerusform>
            <numerusform>Добавить %n отметок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n mark(s)</source>
        <translation>
            <numerusform>Удалить %n отметку</numerusform>
            <numerusform>Удалить %n отметки</numerusform>
            <numerusform>Удалить %n отметок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n mark(s)</source>
        <translation>
            <numerusform>Сдвинуть %n отметку</numerusform>
            <numerusform>Сдвинуть %n отметки</numerusform>
            <numerusform>Сдвинуть %n отметок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Edit %n mark(s)</source>
        <translation>
            <numerusform>Изменить %n отметку</numerusform>
            <numerusform>Изменить %n отметки</numerusform>
            <numerusform>Изменить %n отметок</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CourseDialog</name>
    <message>
        <source>Plan a course — {name}</source>
        <translation>План курса — {name}</translation>
    </message>
    <message>
        <source> days</source>
        <translation> дн.</translation>
    </message>
    <message>
        <source>to</source>
        <translation>до</translation>
    </message>
    <message>
        <source>&amp;Indication</source>
        <translation>&amp;Показание</translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation>&amp;Зона</translation>
    </message>
    <message>
        <source>&amp;Sessions</source>
        <translation>&amp;Процедур</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Интервал</translation>
    </message>
    <message>
        <source>S&amp;tart on</source>
        <translation>&amp;Начало</translation>
    </message>
    <message>
        <source>The plan keeps every course rule.</source>
        <translation>План соответствует всем правилам курса.</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <source>Create course and planned visits</source>
        <translation>Создать курс и запланировать визиты</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Usual course: {count} sessions, every {low}-{high} days.</source>
        <translation>Обычный курс: {count} процедур, каждые {low}–{high} дн.</translation>
    </message>
    <message numerus="yes">
        <source>Proposed visits: %n</source>
        <translation>
            <numerusform>Предложено визитов: %n</numerusform>
            <numerusform>Предложено визитов: %n</numerusform>
            <numerusform>Предложено визитов: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>{number}.  {date}, {weekday}, {time}</source>
        <translation>{number}.  {date}, {weekday}, {time}</translation>
    </message>
    <message>
        <source>{session} — today, already booked</source>
        <translation>{session} — сегодня, уже назначен</translation>
    </message>
    <message>
        <source>{session} — already booked</source>
        <translation>{session} — уже назначен</translation>
    </message>
    <message>
        <source>New visits are booked at {time}, the patient&apos;s usual time.</source>
        <translation>Новые визиты назначаются на {time} — привычное для пациента время.</translation>
    </message>
    <message>
        <source>New visits are booked at {time}: the patient&apos;s usual time is outside opening hours.</source>
        <translation>Новые визиты назначаются на {time}: привычное для пациента время вне часов работы.</translation>
    </message>
    <message>
        <source>New visits are booked at {time}, the first hour of the day.</source>
        <translation>Новые визиты назначаются на {time} — первый час рабочего дня.</translation>
    </message>
    <message>
        <source>The clinic is closed on: {days}.</source>
        <translation>Клиника не работает: {days}.</translation>
    </message>
</context>
<context>
    <name>DiagramPanel</name>
    <message>
        <source>Injection diagram</source>
        <translation>Схема инъекций</translation>
    </message>
    <message>
        <source>Diagram (Alt+1 to Alt+8; Alt+Left and Alt+Right turn the face)</source>
        <translation>Схема (Alt+1…Alt+8; Alt+← и Alt+→ поворачивают лицо)</translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation>Схема</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Выбор</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Точка</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Линия</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Область</translation>
    </message>
    <message>
        <source>Vascular &amp;scheme…</source>
        <translation>&amp;Сосудистая схема…</translation>
    </message>
    <message>
        <source>&amp;Repeat last visit&apos;s chart</source>
        <translation>&amp;Повторить прошлую схему</translation>
    </message>
    <message>
        <source>Save selection as &amp;template…</source>
        <translation>Сохранить выбранное как &amp;шаблон…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Undo {step} (Ctrl+Z)</source>
        <translation>Отменить: {step} (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo {step} (Ctrl+Shift+Z)</source>
        <translation>Повторить: {step} (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>Прошлый визит</translation>
    </message>
    <message>
        <source>Last visit</source>
        <comment>the button under the diagram: short, the menu says it whole</comment>
        <translation>Прошлый</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Вписать</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Увеличить</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Уменьшить</translation>
    </message>
    <message>
        <source>Delete marks</source>
        <translation>Удалить отметки</translation>
    </message>
    <message>
        <source>Select all marks</source>
        <translation>Выбрать все отметки</translation>
    </message>
    <message>
        <source>Leave tool</source>
        <translation>Выйти из инструмента</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>В PNG…</translation>
    </message>
    <message>
        <source>Show more of the left side</source>
        <translation>Повернуть, чтобы видеть левую сторону</translation>
    </message>
    <message>
        <source>Show more of the right side</source>
        <translation>Повернуть, чтобы видеть правую сторону</translation>
    </message>
    <message>
        <source>Apply &amp;template</source>
        <translation>Применить &amp;шаблон</translation>
    </message>
    <message>
        <source>Back (vascular scheme)</source>
        <translation>Спина (сосудистая схема)</translation>
    </message>
    <message>
        <source>Face, woman</source>
        <translation>Лицо, женское</translation>
    </message>
    <message>
        <source>Face, man</source>
        <translation>Лицо, мужское</translation>
    </message>
    <message>
        <source>Face ¾, left side</source>
        <translation>Лицо ¾, левая сторона</translation>
    </message>
    <message>
        <source>Face ¾, right side</source>
        <translation>Лицо ¾, правая сторона</translation>
    </message>
    <message>
        <source>Profile, left side</source>
        <translation>Профиль, левая сторона</translation>
    </message>
    <message>
        <source>Profile, right side</source>
        <translation>Профиль, правая сторона</translation>
    </message>
    <message>
        <source>Neck and décolleté</source>
        <translation>Шея и декольте</translation>
    </message>
    <message>
        <source>Scalp</source>
        <translation>Волосистая часть головы</translation>
    </message>
    <message>
        <source>Hands</source>
        <translation>Кисти рук</translation>
    </message>
    <message>
        <source>Body, front</source>
        <translation>Тело, спереди</translation>
    </message>
    <message>
        <source>Body, back</source>
        <translation>Тело, сзади</translation>
    </message>
    <message>
        <source>Templates ▾</source>
        <translation>Шаблоны ▾</translation>
    </message>
    <message>
        <source>Apply or save a charting template</source>
        <translation>Применить или сохранить шаблон схемы</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Схема</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>Отметки</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Итоги</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Легенда</translation>
    </message>
    <message>
        <source>Open a visit to chart its injection scheme.</source>
        <translation>Откройте визит, чтобы нанести схему инъекций.</translation>
    </message>
    <message>
        <source>This visit is signed: its scheme is shown and cannot be changed.</source>
        <translation>Визит подписан: схема показана без возможности изменения.</translation>
    </message>
    <message>
        <source>Cocktail: {name}</source>
        <translation>Коктейль: {name}</translation>
    </message>
    <message numerus="yes">
        <source>%n mark(s) on {diagrams}</source>
        <translation>
            <numerusform>%n отметка на схемах: {diagrams}</numerusform>
            <numerusform>%n отметки на схемах: {diagrams}</numerusform>
            <numerusform>%n отметок на схемах: {diagrams}</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete a template</source>
        <translation>Удалить шаблон</translation>
    </message>
    <message>
        <source>The photo&apos;s file cannot be read on this computer, so it cannot be marked.</source>
        <translation>Файл фото не читается на этом компьютере, поэтому на нём нельзя ставить отметки.</translation>
    </message>
    <message>
        <source>Vascular scheme {top}-{bottom}</source>
        <translation>Сосудистая схема {top}–{bottom}</translation>
    </message>
    <message>
        <source>Repeat last visit&apos;s chart</source>
        <translation>Повторить прошлую схему</translation>
    </message>
    <message>
        <source>Template {name}</source>
        <translation>Шаблон {name}</translation>
    </message>
    <message numerus="yes">
        <source>%n mark(s) charted.</source>
        <translation>
            <numerusform>Нанесена %n отметка.</numerusform>
            <numerusform>Нанесено %n отметки.</numerusform>
            <numerusform>Нанесено %n отметок.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the marks to keep as a template first.</source>
        <translation>Сначала выберите отметки для шаблона.</translation>
    </message>
    <message numerus="yes">
        <source>Template “{name}” saved with %n mark(s).</source>
        <translation>
            <numerusform>Шаблон «{name}» сохранён: %n отметка.</numerusform>
            <numerusform>Шаблон «{name}» сохранён: %n отметки.</numerusform>
            <numerusform>Шаблон «{name}» сохранён: %n отметок.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as template</source>
        <translation>Сохранить как шаблон</translation>
    </message>
    <message numerus="yes">
        <source>Name for the %n selected mark(s), e.g. “forehead nappage”:</source>
        <translation>
            <numerusform>Название для %n выбранной отметки, например «наппаж лба»:</numerusform>
            <numerusform>Название для %n выбранных отметок, например «наппаж лба»:</numerusform>
            <numerusform>Название для %n выбранных отметок, например «наппаж лба»:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mark(s)</source>
        <translation>
            <numerusform>%n отм.</numerusform>
            <numerusform>%n отм.</numerusform>
            <numerusform>%n отм.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>выбрана %n</numerusform>
            <numerusform>выбрано %n</numerusform>
            <numerusform>выбрано %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to add points. Esc leaves the tool.</source>
        <translation>Щёлкайте, чтобы добавить точки. Esc — выход из инструмента.</translation>
    </message>
    <message>
        <source>Click along the line; double-click or Enter ends it.</source>
        <translation>Щёлкайте вдоль линии; двойной щелчок или Enter завершают её.</translation>
    </message>
    <message>
        <source>Click the corners; double-click or Enter closes the area.</source>
        <translation>Щёлкайте по углам; двойной щелчок или Enter замыкают область.</translation>
    </message>
    <message>
        <source>Export the injection scheme</source>
        <translation>Экспорт схемы инъекций</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Изображения PNG (*.png)</translation>
    </message>
    <message>
        <source>The scheme was saved to {path}.</source>
        <translation>Схема сохранена в {path}.</translation>
    </message>
    <message>
        <source>The scheme could not be saved: {reason}</source>
        <translation>Не удалось сохранить схему: {reason}</translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <source>&amp;Aftercare sheet…</source>
        <translation>&amp;Памятка после процедуры…</translation>
    </message>
    <message>
        <source>&amp;Consent form…</source>
        <translation>&amp;Информированное согласие…</translation>
    </message>
    <message>
        <source>Visit su&amp;mmary…</source>
        <translation>&amp;Протокол визита…</translation>
    </message>
    <message>
        <source>Mesoscooter care s&amp;heet…</source>
        <translation>Памятка по &amp;мезороллеру…</translation>
    </message>
    <message>
        <source>Aftercare sheet</source>
        <translation>Памятка после процедуры</translation>
    </message>
    <message>
        <source>Consent form</source>
        <translation>Информированное согласие</translation>
    </message>
    <message>
        <source>Visit summary</source>
        <translation>Протокол визита</translation>
    </message>
    <message>
        <source>Mesoscooter care sheet</source>
        <translation>Памятка по мезороллеру</translation>
    </message>
    <message>
        <source>The document could not be built: {reason}</source>
        <translation>Не удалось сформировать документ: {reason}</translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <source>‹ Previous</source>
        <translation>‹ Назад</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Вперёд ›</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Уменьшить (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Увеличить (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>По ширине</translation>
    </message>
    <message>
        <source>Language of the document</source>
        <translation>Язык документа</translation>
    </message>
    <message>
        <source>With photos</source>
        <translation>С фотографиями</translation>
    </message>
    <message>
        <source>Add the visit&apos;s photos (only with the patient&apos;s photo consent)</source>
        <translation>Добавить фотографии визита (только при согласии пациента на фотосъёмку)</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Сохранить PDF…</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Язык:</translation>
    </message>
    <message>
        <source>Building the document…</source>
        <translation>Документ формируется…</translation>
    </message>
    <message>
        <source>Ready to print or save.</source>
        <translation>Готово к печати или сохранению.</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Страница {page} из {pages}</translation>
    </message>
    <message>
        <source>Not saved: {reason}.</source>
        <translation>Не сохранено: {reason}.</translation>
    </message>
    <message>
        <source>Saved {file}.</source>
        <translation>Сохранено: {file}.</translation>
    </message>
    <message>
        <source>Sending to the printer…</source>
        <translation>Отправка на принтер…</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>Не удалось запустить печать.</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Отправлено на принтер.</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>Сохранить PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Документы PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>DuplicateCheck</name>
    <message>
        <source>&amp;Open that patient</source>
        <translation>&amp;Открыть этого пациента</translation>
    </message>
    <message>
        <source>Save &amp;anyway</source>
        <translation>&amp;Всё равно сохранить</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Продолжить редактирование</translation>
    </message>
    <message>
        <source>Already in the list? The same phone:</source>
        <translation>Уже есть в списке? Тот же телефон:</translation>
    </message>
    <message>
        <source>Already in the list? The same name, date of birth and phone:</source>
        <translation>Уже есть в списке? То же ФИО, дата рождения и телефон:</translation>
    </message>
    <message>
        <source>Already in the list? The same name and date of birth:</source>
        <translation>Уже есть в списке? То же ФИО и дата рождения:</translation>
    </message>
    <message numerus="yes">
        <source>(%n more alike)</source>
        <translation>
            <numerusform>(и ещё %n похожий)</numerusform>
            <numerusform>(и ещё %n похожих)</numerusform>
            <numerusform>(и ещё %n похожих)</numerusform>
        </translation>
    </message>
    <message>
        <source>born {date}</source>
        <translation>дата рождения {date}</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>в архиве</translation>
    </message>
</context>
<context>
    <name>FindingRow</name>
    <message>
        <source>Overridden by {who} on {day}: {reason}</source>
        <translation>Решение под ответственность: {who}, {day}: {reason}</translation>
    </message>
    <message>
        <source>Override…</source>
        <translation>Под ответственность…</translation>
    </message>
    <message>
        <source>Go ahead with a written reason (Ctrl+Alt+O)</source>
        <translation>Продолжить с письменным обоснованием (Ctrl+Alt+O)</translation>
    </message>
    <message>
        <source>Reschedule…</source>
        <translation>Перенести…</translation>
    </message>
    <message>
        <source>Move the visit to a later day (Ctrl+Alt+R)</source>
        <translation>Перенести визит на более поздний день (Ctrl+Alt+R)</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>No contraindications found for this visit.</source>
        <translation>Противопоказаний для этого визита не найдено.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up MesoDesk</source>
        <translation>Настройка MesoDesk</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>&amp;Пропустить</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Назад</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Готово</translation>
    </message>
    <message>
        <source>Keep the defaults; everything can be set later in Tools &gt; Clinic settings</source>
        <translation>Оставить значения по умолчанию; всё можно настроить позже: Сервис &gt; Настройки клиники</translation>
    </message>
    <message>
        <source>Not saved: check the marked fields.</source>
        <translation>Не сохранено: проверьте отмеченные поля.</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>MesoDesk user guide</source>
        <translation>Руководство пользователя MesoDesk</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Руководство пользователя</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Назад</translation>
    </message>
    <message>
        <source>&amp;Contents</source>
        <translation>&amp;Содержание</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>IngredientPage</name>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Russian name</source>
        <translation>Название по-русски</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>homeopathic</source>
        <translation>гомеопатический</translation>
    </message>
    <message>
        <source>allopathic</source>
        <translation>аллопатический</translation>
    </message>
    <message>
        <source>New ingredient</source>
        <translation>Новый компонент</translation>
    </message>
    <message>
        <source>Homeopathic (not allopathic)</source>
        <translation>Гомеопатический (не аллопатический)</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language and currency</source>
        <translation>Язык и валюта</translation>
    </message>
    <message>
        <source>The language of MesoDesk&apos;s windows, and the clinic&apos;s currency.</source>
        <translation>Язык окон MesoDesk и валюта клиники.</translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation>Как на компьютере</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Currency</source>
        <translation>&amp;Валюта</translation>
    </message>
    <message>
        <source>A three-letter code, such as RUB or EUR; prices and totals are shown in it.</source>
        <translation>Трёхбуквенный код, например RUB или EUR: в этой валюте показываются цены и суммы.</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Last visit</source>
        <translation>Прошлый визит</translation>
    </message>
</context>
<context>
    <name>LetterheadPage</name>
    <message>
        <source>Your clinic</source>
        <translation>Ваша клиника</translation>
    </message>
    <message>
        <source>The name, address, phone and logo printed at the top of the aftercare sheet, the consent form and the visit summary.</source>
        <translation>Название, адрес, телефон и логотип, которые печатаются в шапке памятки после процедуры, информированного согласия и протокола визита.</translation>
    </message>
    <message>
        <source>As printed on the letterhead</source>
        <translation>Как в шапке бланка</translation>
    </message>
    <message>
        <source>Choose &amp;PNG…</source>
        <translation>Выбрать &amp;PNG…</translation>
    </message>
    <message>
        <source>&amp;Remove logo</source>
        <translation>&amp;Убрать логотип</translation>
    </message>
    <message>
        <source>Clinic na&amp;me</source>
        <translation>На&amp;звание клиники</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Адрес</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>&amp;Телефон</translation>
    </message>
    <message>
        <source>&amp;Logo</source>
        <translation>&amp;Логотип</translation>
    </message>
    <message>
        <source>Choose the clinic logo</source>
        <translation>Логотип клиники</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Изображения PNG (*.png)</translation>
    </message>
    <message>
        <source>Not a PNG image</source>
        <translation>Это не изображение PNG</translation>
    </message>
    <message>
        <source>Cannot read {file}: {reason}.</source>
        <translation>Не удалось прочитать {file}: {reason}.</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>MesoDesk is locked. {name}, enter your password to go on.</source>
        <translation>MesoDesk заблокирован. {name}, введите пароль, чтобы продолжить.</translation>
    </message>
    <message>
        <source>The password is wrong.</source>
        <translation>Неверный пароль.</translation>
    </message>
</context>
<context>
    <name>LogoPreview</name>
    <message>
        <source>No logo</source>
        <translation>Нет логотипа</translation>
    </message>
    <message>
        <source>Not a PNG image</source>
        <translation>Это не изображение PNG</translation>
    </message>
</context>
<context>
    <name>LotPage</name>
    <message>
        <source>Product</source>
        <translation>Препарат</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Серия</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Годен до</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Остаток</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Receive lot</source>
        <translation>Принять серию</translation>
    </message>
    <message>
        <source>Only usable lots</source>
        <translation>Только годные серии</translation>
    </message>
    <message>
        <source>Hide expired lots and lots with nothing left</source>
        <translation>Скрыть просроченные и израсходованные серии</translation>
    </message>
    <message>
        <source>e.g. 10 or 2.5</source>
        <translation>например, 10 или 2,5</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>Номер серии</translation>
    </message>
    <message>
        <source>Expires on</source>
        <translation>Годен до</translation>
    </message>
    <message>
        <source>Choose the product this lot is of.</source>
        <translation>Выберите препарат, к которому относится серия.</translation>
    </message>
    <message>
        <source>Enter the quantity on hand as a number, such as 10.</source>
        <translation>Укажите остаток числом, например 10.</translation>
    </message>
    <message>
        <source>lot {number} of {product}</source>
        <translation>серия {number} препарата {product}</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>просрочена</translation>
    </message>
    <message>
        <source>used up</source>
        <translation>израсходована</translation>
    </message>
    <message>
        <source>expires today</source>
        <translation>истекает сегодня</translation>
    </message>
    <message>
        <source>expires tomorrow</source>
        <translation>истекает завтра</translation>
    </message>
    <message>
        <source>expires in {days} days</source>
        <translation>истекает через {days} дн.</translation>
    </message>
    <message>
        <source>ml</source>
        <translation>мл</translation>
    </message>
    <message>
        <source>units</source>
        <translation>ед.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>MesoDesk</source>
        <translation>MesoDesk</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Save the card (Ctrl+S)</source>
        <translation>Сохранить карту (Ctrl+S)</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Отменить изменения</translation>
    </message>
    <message>
        <source>Opening the database… the patient opens as soon as it is ready.</source>
        <translation>Открытие базы данных… карточка пациента откроется, как только база будет готова.</translation>
    </message>
    <message>
        <source>&amp;Stop filling</source>
        <translation>&amp;Остановить заполнение</translation>
    </message>
    <message>
        <source>Open the demo with the patients and visits filled so far</source>
        <translation>Открыть демонстрационную базу с уже заполненными пациентами и визитами</translation>
    </message>
    <message>
        <source>Stopping the demo fill…</source>
        <translation>Заполнение демонстрационной базы останавливается…</translation>
    </message>
    <message>
        <source>Choose a patient on the left, or press Ctrl+N to add a new one.</source>
        <translation>Выберите пациента слева или нажмите Ctrl+N, чтобы добавить нового.</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Карта</translation>
    </message>
    <message>
        <source>Anamnesis</source>
        <translation>Анамнез</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Визиты</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>&amp;New patient</source>
        <translation>&amp;Новый пациент</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>&amp;Revert changes</source>
        <translation>&amp;Отменить изменения</translation>
    </message>
    <message>
        <source>&amp;Archive patient</source>
        <translation>&amp;В архив</translation>
    </message>
    <message>
        <source>&amp;Find patient</source>
        <translation>&amp;Найти пациента</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>Show &amp;archived patients</source>
        <translation>Показывать &amp;архивных пациентов</translation>
    </message>
    <message>
        <source>Plan a &amp;course…</source>
        <translation>Спланировать &amp;курс…</translation>
    </message>
    <message>
        <source>&amp;Catalog…</source>
        <translation>&amp;Каталог…</translation>
    </message>
    <message>
        <source>Clinic &amp;settings…</source>
        <translation>&amp;Настройки клиники…</translation>
    </message>
    <message>
        <source>Clinic &amp;rules…</source>
        <translation>&amp;Правила клиники…</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>&amp;Пользователи…</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Руководство пользователя</translation>
    </message>
    <message>
        <source>&amp;About MesoDesk</source>
        <translation>&amp;О программе MesoDesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Открытие базы данных…</translation>
    </message>
    <message>
        <source>&amp;{number} {pane}</source>
        <translation>&amp;{number} {pane}</translation>
    </message>
    <message>
        <source>&amp;Patient</source>
        <translation>П&amp;ациент</translation>
    </message>
    <message>
        <source>V&amp;isit</source>
        <translation>В&amp;изит</translation>
    </message>
    <message>
        <source>&amp;Diagram</source>
        <translation>&amp;Схема</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Сервис</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Основная</translation>
    </message>
    <message>
        <source>Database: {where}</source>
        <translation>База данных: {where}</translation>
    </message>
    <message>
        <source>The catalog has unsaved changes: save or revert them, then restore.</source>
        <translation>В каталоге есть несохранённые изменения: сохраните или отмените их, затем восстановите данные.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <source>the new patient</source>
        <translation>нового пациента</translation>
    </message>
    <message>
        <source>Save the changes for {name}?</source>
        <translation>Сохранить изменения: {name}?</translation>
    </message>
    <message>
        <source>Not saved: {reasons}</source>
        <translation>Не сохранено: {reasons}</translation>
    </message>
    <message>
        <source>Not saved: check the marked fields.</source>
        <translation>Не сохранено: проверьте отмеченные поля.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Загрузить заново</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>Сохранено: {name}.</translation>
    </message>
    <message>
        <source>{name} is archived: hidden from the list, nothing deleted.</source>
        <translation>{name} — в архиве: скрыт(а) из списка, ничего не удалено.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>{name} is back in the list.</source>
        <translation>{name} снова в списке.</translation>
    </message>
    <message>
        <source>Clinic rules saved: every workstation now works from them.</source>
        <translation>Правила клиники сохранены: теперь они действуют на всех рабочих местах.</translation>
    </message>
    <message>
        <source>Clinic settings saved.</source>
        <translation>Настройки клиники сохранены.</translation>
    </message>
    <message>
        <source>Course planned: {count} visits booked, {first} to {last}.</source>
        <translation>Курс запланирован: визитов назначено — {count}, с {first} по {last}.</translation>
    </message>
    <message>
        <source>Course saved.</source>
        <translation>Курс сохранён.</translation>
    </message>
    <message>
        <source>({count} more reminders in the course plan.)</source>
        <translation>(Ещё напоминаний в плане курса: {count}.)</translation>
    </message>
    <message>
        <source>Anamnesis saved.</source>
        <translation>Анамнез сохранён.</translation>
    </message>
    <message>
        <source>Restore patient</source>
        <translation>Вернуть пациента</translation>
    </message>
    <message>
        <source>MesoDesk — {name}{marker}</source>
        <translation>MesoDesk — {name}{marker}</translation>
    </message>
    <message>
        <source>A backup or a restore is under way; cancel it or quit when it has finished.</source>
        <translation>Идёт резервное копирование или восстановление; отмените его или закройте программу, когда оно завершится.</translation>
    </message>
</context>
<context>
    <name>MarkTooltip</name>
    <message>
        <source>{depth} mm</source>
        <translation>{depth} мм</translation>
    </message>
    <message>
        <source>{volume} ml</source>
        <translation>{volume} мл</translation>
    </message>
</context>
<context>
    <name>MesoDesk</name>
    <message>
        <source>Filling the demo database with {count} patients…</source>
        <translation>Демонстрационная база заполняется: {count} пациентов…</translation>
    </message>
    <message>
        <source>Sign in to open the patients.</source>
        <translation>Войдите, чтобы открыть список пациентов.</translation>
    </message>
    <message>
        <source>Setting up the clinic…</source>
        <translation>Настройка клиники…</translation>
    </message>
    <message>
        <source>The demo was stopped early: it has the patients and visits filled so far.</source>
        <translation>Заполнение демонстрационной базы остановлено досрочно: в ней пациенты и визиты, заполненные до остановки.</translation>
    </message>
    <message>
        <source>The database was upgraded; the previous copy is kept at {path}.</source>
        <translation>База данных обновлена; прежняя копия сохранена в {path}.</translation>
    </message>
    <message>
        <source>MesoDesk cannot open the database.</source>
        <translation>MesoDesk не может открыть базу данных.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>Закрыть сообщение</translation>
    </message>
</context>
<context>
    <name>OpenVisit</name>
    <message>
        <source>Visit saved.</source>
        <translation>Визит сохранён.</translation>
    </message>
    <message>
        <source>Visit saved and marked done.</source>
        <translation>Визит сохранён и отмечен проведённым.</translation>
    </message>
    <message>
        <source>Visit signed; it is now read-only.</source>
        <translation>Визит подписан; теперь он доступен только для чтения.</translation>
    </message>
    <message>
        <source>The visit is moved.</source>
        <translation>Визит перенесён.</translation>
    </message>
    <message>
        <source>Addendum added.</source>
        <translation>Дополнение добавлено.</translation>
    </message>
    <message>
        <source>The safety screening failed: {error}</source>
        <translation>Проверка безопасности не выполнена: {error}</translation>
    </message>
    <message>
        <source>The visit could not be stored; see the message.</source>
        <translation>Не удалось сохранить визит; см. сообщение.</translation>
    </message>
    <message>
        <source>Not saved: {reasons}</source>
        <translation>Не сохранено: {reasons}</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Загрузить заново</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Override: {title}</source>
        <translation>Под ответственность: {title}</translation>
    </message>
    <message>
        <source>{finding}

Write why the procedure goes ahead anyway. The reason, who decided and when are kept with the visit and printed on its protocol.</source>
        <translation>{finding}

Напишите, почему процедура всё же проводится. Обоснование, кто и когда принял решение, сохраняются в визите и печатаются в протоколе.</translation>
    </message>
    <message>
        <source>Reason for going ahead</source>
        <translation>Обоснование проведения процедуры</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Решение принял(а)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Обоснование</translation>
    </message>
    <message>
        <source>Write the reason for going ahead.</source>
        <translation>Напишите обоснование проведения процедуры.</translation>
    </message>
    <message>
        <source>Enter the name of the practitioner who decides.</source>
        <translation>Укажите имя специалиста, принимающего решение.</translation>
    </message>
</context>
<context>
    <name>PatientForm</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>дд.мм.гггг</translation>
    </message>
    <message>
        <source>Practitioner&apos;s notes</source>
        <translation>Заметки специалиста</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Личные данные</translation>
    </message>
    <message>
        <source>Last name *</source>
        <translation>Фамилия *</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Documents in</source>
        <translation>Язык документов</translation>
    </message>
    <message>
        <source>Skin</source>
        <translation>Кожа</translation>
    </message>
    <message>
        <source>Skin type</source>
        <translation>Тип кожи</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
</context>
<context>
    <name>PatientHeader</name>
    <message>
        <source>Safety alerts</source>
        <translation>Предупреждения</translation>
    </message>
    <message>
        <source>No patient open</source>
        <translation>Пациент не выбран</translation>
    </message>
    <message>
        <source>Choose a patient on the left, or press Ctrl+N.</source>
        <translation>Выберите пациента слева или нажмите Ctrl+N.</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>Новый пациент</translation>
    </message>
    <message>
        <source>born {date}</source>
        <translation>дата рождения {date}</translation>
    </message>
    <message>
        <source>{skin} skin</source>
        <translation>кожа: {skin}</translation>
    </message>
    <message>
        <source>ARCHIVED</source>
        <translation>В АРХИВЕ</translation>
    </message>
</context>
<context>
    <name>PatientListModel</name>
    <message>
        <source>Patient</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Возр.</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>Посл. визит</translation>
    </message>
    <message>
        <source> (archived)</source>
        <translation> (в архиве)</translation>
    </message>
    <message>
        <source>{name}, born {date}</source>
        <translation>{name}, дата рождения {date}</translation>
    </message>
    <message>
        <source>Active absolute contraindication: see the Anamnesis tab.</source>
        <translation>Действующее абсолютное противопоказание: см. вкладку «Анамнез».</translation>
    </message>
</context>
<context>
    <name>PatientListPanel</name>
    <message>
        <source>Search by name or phone  (Ctrl+F)</source>
        <translation>ФИО или телефон  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search patients</source>
        <translation>Поиск пациентов</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>Показывать архив</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>Пациенты</translation>
    </message>
    <message>
        <source>{count}{more} shown</source>
        <translation>Показано: {count}{more}</translation>
    </message>
    <message>
        <source>Search failed: {error}</source>
        <translation>Поиск не выполнен: {error}</translation>
    </message>
</context>
<context>
    <name>PhotoCompare</name>
    <message>
        <source>Compare photos</source>
        <translation>Сравнение фотографий</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Рядом</translation>
    </message>
    <message>
        <source>Slider</source>
        <translation>Шторка</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Вписать</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ракурс</translation>
    </message>
    <message>
        <source>Earlier</source>
        <translation>Раньше</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Позже</translation>
    </message>
    <message>
        <source>{date} · {kind}</source>
        <translation>{date} · {kind}</translation>
    </message>
    <message>
        <source>Fewer than two photos of this view: take the same view on another day.</source>
        <translation>В этом ракурсе меньше двух фотографий: сделайте снимок в том же ракурсе в другой день.</translation>
    </message>
    <message>
        <source>The photos could not be read.</source>
        <translation>Не удалось прочитать фотографии.</translation>
    </message>
</context>
<context>
    <name>PhotoConsentBox</name>
    <message>
        <source>Photo consent</source>
        <translation>Согласие на фотосъёмку</translation>
    </message>
    <message>
        <source>Save consent</source>
        <translation>Сохранить согласие</translation>
    </message>
    <message>
        <source>given on</source>
        <translation>получено</translation>
    </message>
    <message>
        <source>Photo consent saved.</source>
        <translation>Согласие на фотосъёмку сохранено.</translation>
    </message>
    <message>
        <source>The photo consent could not be saved.</source>
        <translation>Не удалось сохранить согласие на фотосъёмку.</translation>
    </message>
</context>
<context>
    <name>PhotoLabels</name>
    <message>
        <source>Before</source>
        <translation>До</translation>
    </message>
    <message>
        <source>After</source>
        <translation>После</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Динамика</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>Анфас</translation>
    </message>
    <message>
        <source>Left 45°</source>
        <translation>Слева 45°</translation>
    </message>
    <message>
        <source>Left 90°</source>
        <translation>Слева 90°</translation>
    </message>
    <message>
        <source>Right 45°</source>
        <translation>Справа 45°</translation>
    </message>
    <message>
        <source>Right 90°</source>
        <translation>Справа 90°</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Сзади</translation>
    </message>
    <message>
        <source>Photo: {kind} · {view}</source>
        <translation>Фото: {kind} · {view}</translation>
    </message>
    <message>
        <source>No photo consent recorded</source>
        <translation>Согласие на фотосъёмку не записано</translation>
    </message>
    <message>
        <source>Clinical record only</source>
        <translation>Только для медицинской карты</translation>
    </message>
    <message>
        <source>May be shown to the patient</source>
        <translation>Можно показывать пациенту</translation>
    </message>
    <message>
        <source>May be used anonymised for the clinic&apos;s materials</source>
        <translation>Можно анонимно использовать в материалах клиники</translation>
    </message>
</context>
<context>
    <name>ProductLines</name>
    <message>
        <source>Take volumes from the chart</source>
        <translation>Объёмы со схемы</translation>
    </message>
    <message>
        <source>Fill the product lines with the volumes charted (Ctrl+Shift+T)</source>
        <translation>Заполнить строки препаратов объёмами со схемы (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <source>Lot to add</source>
        <translation>Серия для добавления</translation>
    </message>
    <message>
        <source> ml</source>
        <translation> мл</translation>
    </message>
    <message>
        <source>Volume to add</source>
        <translation>Объём для добавления</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Внести</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>Cocktail to add</source>
        <translation>Коктейль для добавления</translation>
    </message>
    <message>
        <source>Add cocktail</source>
        <translation>Внести</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Препарат</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Серия</translation>
    </message>
    <message>
        <source>ml</source>
        <translation>мл</translation>
    </message>
    <message>
        <source>Choose a lot for {product}.</source>
        <translation>Выберите серию препарата {product}.</translation>
    </message>
    <message>
        <source>Lines: {recorded} ml</source>
        <translation>Строки: {recorded} мл</translation>
    </message>
    <message>
        <source>Chart: {charted} ml · lines: {recorded} ml</source>
        <translation>Схема: {charted} мл · строки: {recorded} мл</translation>
    </message>
    <message>
        <source>No usable lot in stock: receive one in the catalog.</source>
        <translation>Нет годных серий на складе: примите серию в каталоге.</translation>
    </message>
    <message>
        <source>No usable lot with enough left of: {products}. Receive a lot in the catalog, then add the line.</source>
        <translation>Нет годной серии с достаточным остатком: {products}. Примите серию в каталоге, затем добавьте строку.</translation>
    </message>
    <message>
        <source>{number} · exp. {expires} · {left} {unit} left</source>
        <translation>{number} · годен до {expires} · остаток {left} {unit}</translation>
    </message>
    <message>
        <source>{product}, from {cocktail}</source>
        <translation>{product}, из коктейля {cocktail}</translation>
    </message>
    <message>
        <source>Lot of {product}</source>
        <translation>Серия препарата {product}</translation>
    </message>
    <message>
        <source>lot {number}</source>
        <translation>серия {number}</translation>
    </message>
    <message>
        <source>exp. {expires}</source>
        <translation>годен до {expires}</translation>
    </message>
    <message>
        <source>Volume of {product} in ml</source>
        <translation>Объём {product} в мл</translation>
    </message>
    <message>
        <source>Remove {product}</source>
        <translation>Удалить {product}</translation>
    </message>
</context>
<context>
    <name>ProductPage</name>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Russian name</source>
        <translation>Название по-русски</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Производитель</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>Упаковка</translation>
    </message>
    <message>
        <source>Composition</source>
        <translation>Состав</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Новый препарат</translation>
    </message>
    <message>
        <source>The name printed on Russian documents (aftercare, consent, protocol).</source>
        <translation>Название для документов на русском (памятка, согласие, протокол).</translation>
    </message>
    <message>
        <source>ampoule, vial, syringe</source>
        <translation>ампула, флакон, шприц</translation>
    </message>
    <message>
        <source>2 ml ampoule</source>
        <translation>ампула 2 мл</translation>
    </message>
    <message>
        <source>millilitres</source>
        <translation>миллилитры</translation>
    </message>
    <message>
        <source>units</source>
        <translation>ед.</translation>
    </message>
    <message>
        <source>Ingredient</source>
        <translation>Компонент</translation>
    </message>
    <message>
        <source>Concentration</source>
        <translation>Концентрация</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Форма</translation>
    </message>
    <message>
        <source>Stock counted in</source>
        <translation>Учёт остатка в</translation>
    </message>
    <message>
        <source>Ingredient to add</source>
        <translation>Компонент для добавления</translation>
    </message>
    <message>
        <source>Choose an ingredient from the list, or add it first.</source>
        <translation>Выберите компонент из списка или сначала добавьте его.</translation>
    </message>
    <message>
        <source>{name} is already listed.</source>
        <translation>{name} уже есть в списке.</translation>
    </message>
</context>
<context>
    <name>RecallPage</name>
    <message>
        <source>Lot number, as printed on the pack</source>
        <translation>Номер серии, как на упаковке</translation>
    </message>
    <message>
        <source>Find patients</source>
        <translation>Найти пациентов</translation>
    </message>
    <message>
        <source>Open patient</source>
        <translation>Открыть пациента</translation>
    </message>
    <message>
        <source>Type a lot number to list the patients and visits it went into.</source>
        <translation>Введите номер серии, чтобы увидеть пациентов и визиты, в которых она использовалась.</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Препарат</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Серия</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>Номер серии</translation>
    </message>
    <message>
        <source>Type the lot number first.</source>
        <translation>Сначала введите номер серии.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message>
        <source>No visit on record used lot {number}.</source>
        <translation>Серия {number} не использовалась ни в одном визите.</translation>
    </message>
    <message>
        <source>Lot {number} went into {patients} {people} at {visits} {occasions}.</source>
        <translation>Серия {number}: пациентов — {patients}, визитов — {visits}.</translation>
    </message>
    <message>
        <source>patient</source>
        <translation>пациент</translation>
    </message>
    <message>
        <source>patients</source>
        <translation>пациенты</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>визит</translation>
    </message>
    <message>
        <source>visits</source>
        <translation>визиты</translation>
    </message>
    <message>
        <source>The search failed: {error}</source>
        <translation>Поиск не выполнен: {error}</translation>
    </message>
</context>
<context>
    <name>SafetyStrip</name>
    <message>
        <source>Do not inject</source>
        <translation>Инъекции запрещены</translation>
    </message>
    <message>
        <source>Postpone</source>
        <translation>Отложить</translation>
    </message>
    <message>
        <source>Take care</source>
        <translation>Осторожно</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>К сведению</translation>
    </message>
    <message>
        <source>The day&apos;s questions (Ctrl+Alt+Q)</source>
        <translation>Вопросы дня (Ctrl+Alt+Q)</translation>
    </message>
    <message>
        <source>All findings…</source>
        <translation>Все замечания…</translation>
    </message>
    <message>
        <source>Every finding, with overrides (Ctrl+Alt+F)</source>
        <translation>Все замечания, с решениями под ответственность (Ctrl+Alt+F)</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>No visit open.</source>
        <translation>Визит не открыт.</translation>
    </message>
    <message>
        <source>Today&apos;s questions</source>
        <translation>Вопросы сегодня</translation>
    </message>
    <message>
        <source>overridden</source>
        <translation>под ответственность</translation>
    </message>
    <message>
        <source>Findings by kind; All findings… lists them</source>
        <translation>Замечания по видам; полный список — «Все замечания…»</translation>
    </message>
    <message>
        <source>{tag}: {reason}</source>
        <translation>{tag}: {reason}</translation>
    </message>
    <message>
        <source>Overridden: {reason}</source>
        <translation>Под ответственность: {reason}</translation>
    </message>
    <message>
        <source>No contraindications found for this visit.</source>
        <translation>Противопоказаний для этого визита не найдено.</translation>
    </message>
    <message>
        <source>Ask today&apos;s questions ▾</source>
        <translation>Задать вопросы дня ▾</translation>
    </message>
    <message>
        <source>Asked today: none apply ✓</source>
        <translation>Опрос сегодня: ничего ✓</translation>
    </message>
    <message numerus="yes">
        <source>Asked today: %n yes ▾</source>
        <translation>
            <numerusform>Опрос сегодня: %n «да» ▾</numerusform>
            <numerusform>Опрос сегодня: %n «да» ▾</numerusform>
            <numerusform>Опрос сегодня: %n «да» ▾</numerusform>
        </translation>
    </message>
    <message>
        <source>Reschedule the visit</source>
        <translation>Перенести визит</translation>
    </message>
    <message>
        <source>Possible from {day}.</source>
        <translation>Возможно с {day}.</translation>
    </message>
</context>
<context>
    <name>SchemeDialog</name>
    <message>
        <source>Apply the vascular scheme</source>
        <translation>Нанести сосудистую схему</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> мм</translation>
    </message>
    <message>
        <source>no row</source>
        <translation>без ряда</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Слева</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Справа</translation>
    </message>
    <message>
        <source>Two ear-to-ear rows, 5 mm apart</source>
        <translation>Два ряда от уха до уха, через 5 мм</translation>
    </message>
    <message>
        <source>Only for the chest, neck, shoulders and face.</source>
        <translation>Только для груди, шеи, плеч и лица.</translation>
    </message>
    <message>
        <source>From level</source>
        <translation>От уровня</translation>
    </message>
    <message>
        <source>To level</source>
        <translation>До уровня</translation>
    </message>
    <message>
        <source>Rows beside the midline</source>
        <translation>Ряды вдоль средней линии</translation>
    </message>
    <message>
        <source>Sides</source>
        <translation>Стороны</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <source>Points between the spinous processes on the midline, and at the same height on each row beside it. Move or remove points afterwards by hand.</source>
        <translation>Точки между остистыми отростками по средней линии и на той же высоте в каждом ряду рядом с ней. Потом точки можно сдвинуть или удалить вручную.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>The password could not be checked.</source>
        <translation>Не удалось проверить пароль.</translation>
    </message>
    <message>
        <source>Sign in to MesoDesk</source>
        <translation>Вход в MesoDesk</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Имя</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Пароль</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>The name or the password is wrong.</source>
        <translation>Неверное имя или пароль.</translation>
    </message>
</context>
<context>
    <name>Sources</name>
    <message>
        <source>Source: {titles}</source>
        <translation>Источник: {titles}</translation>
    </message>
</context>
<context>
    <name>TaskProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Stop it; nothing is left half-done</source>
        <translation>Остановить; ничего не останется сделанным наполовину</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Course</source>
        <translation>Курс</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Подписан</translation>
    </message>
    <message>
        <source>{indication}, {area}: {sessions} sessions every {low}–{high} days</source>
        <translation>{indication}, {area}: {sessions} процедур каждые {low}–{high} дн.</translation>
    </message>
    <message>
        <source>Nothing recorded yet</source>
        <translation>Пока ничего не записано</translation>
    </message>
    <message>
        <source>No areas recorded</source>
        <translation>Зоны не записаны</translation>
    </message>
    <message>
        <source>{product} {volume} ml (lot {lot})</source>
        <translation>{product} {volume} мл (серия {lot})</translation>
    </message>
    <message>
        <source>{reaction} ({severity})</source>
        <translation>{reaction} ({severity})</translation>
    </message>
    <message>
        <source>Next visit · {title}</source>
        <translation>Следующий визит · {title}</translation>
    </message>
</context>
<context>
    <name>TimelinePane</name>
    <message>
        <source>Start today&apos;s visit</source>
        <translation>Начать визит сегодня</translation>
    </message>
    <message>
        <source>Open today&apos;s visit, or start one (Ctrl+T)</source>
        <translation>Открыть сегодняшний визит или начать новый (Ctrl+T)</translation>
    </message>
    <message>
        <source>Open visit</source>
        <translation>Открыть визит</translation>
    </message>
    <message>
        <source>Enter, or double-click a visit</source>
        <translation>Enter или двойной щелчок по визиту</translation>
    </message>
    <message>
        <source>No visits yet. Press Ctrl+T to start today&apos;s visit.</source>
        <translation>Визитов пока нет. Нажмите Ctrl+T, чтобы начать визит сегодня.</translation>
    </message>
    <message>
        <source>Start &amp;today&apos;s visit</source>
        <translation>Начать визит &amp;сегодня</translation>
    </message>
    <message>
        <source>&amp;Open visit</source>
        <translation>&amp;Открыть визит</translation>
    </message>
    <message>
        <source>today</source>
        <translation>сегодня</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>завтра</translation>
    </message>
    <message numerus="yes">
        <source>in %n days</source>
        <translation>
            <numerusform>через %n день</numerusform>
            <numerusform>через %n дня</numerusform>
            <numerusform>через %n дней</numerusform>
        </translation>
    </message>
    <message>
        <source>Next visit: {when} ({relative})</source>
        <translation>Следующий визит: {when} ({relative})</translation>
    </message>
    <message>
        <source>Save the patient&apos;s card first; then visits can be recorded.</source>
        <translation>Сначала сохраните карту пациента; после этого можно записывать визиты.</translation>
    </message>
    <message>
        <source>Loading visits…</source>
        <translation>Загрузка визитов…</translation>
    </message>
</context>
<context>
    <name>TotalsTable</name>
    <message>
        <source>Zone</source>
        <translation>Зона</translation>
    </message>
    <message>
        <source>Inj.</source>
        <translation>Инъек.</translation>
    </message>
    <message>
        <source>ml</source>
        <translation>мл</translation>
    </message>
    <message>
        <source>On the photo</source>
        <translation>На фото</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Practitioner</source>
        <translation>Специалист</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>Администратор приёма</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Signs in</source>
        <translation>Вход</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Добавлен</translation>
    </message>
    <message>
        <source>Role of the chosen user</source>
        <translation>Роль выбранного пользователя</translation>
    </message>
    <message>
        <source>Change &amp;role</source>
        <translation>Сменить &amp;роль</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Отключить</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Включить</translation>
    </message>
    <message>
        <source>As it signs records and the audit trail</source>
        <translation>Так оно будет в подписях и журнале действий</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <source>Set &amp;password of the chosen user</source>
        <translation>Задать &amp;пароль выбранному</translation>
    </message>
    <message>
        <source>The first user is an administrator. From the next start MesoDesk asks for a name and password, and each role sees only what it needs.</source>
        <translation>Первый пользователь — администратор. Со следующего запуска MesoDesk спрашивает имя и пароль, и каждая роль видит только то, что ей нужно.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>Lock after minutes without input</source>
        <translation>Блокировать после минут бездействия</translation>
    </message>
    <message>
        <source>Appl&amp;y</source>
        <translation>Пр&amp;именить</translation>
    </message>
    <message>
        <source>New user, or a new password</source>
        <translation>Новый пользователь или новый пароль</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Имя</translation>
    </message>
    <message>
        <source>R&amp;ole</source>
        <translation>Р&amp;оль</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Паро&amp;ль</translation>
    </message>
    <message>
        <source>Repea&amp;t password</source>
        <translation>Пов&amp;тор пароля</translation>
    </message>
    <message>
        <source>Idle lock</source>
        <translation>Блокировка при бездействии</translation>
    </message>
    <message>
        <source>Lock every signed-in window after</source>
        <translation>Блокировать окна после</translation>
    </message>
    <message>
        <source>without input</source>
        <translation>без действий</translation>
    </message>
    <message>
        <source>{name} can sign in now.</source>
        <translation>{name} теперь может войти.</translation>
    </message>
    <message>
        <source>Choose the user in the list first.</source>
        <translation>Сначала выберите пользователя в списке.</translation>
    </message>
    <message>
        <source>The password of {name} is changed.</source>
        <translation>Пароль пользователя {name} изменён.</translation>
    </message>
    <message>
        <source>This window locks after {minutes} min without input; the other workstations from their next start.</source>
        <translation>Это окно блокируется после {minutes} мин без действий, остальные рабочие места — со следующего запуска.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <source>This could not be saved.</source>
        <translation>Не удалось сохранить.</translation>
    </message>
    <message>
        <source>No (disabled)</source>
        <translation>Нет (отключён)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
</context>
<context>
    <name>VisitActionBar</name>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Save the visit (Ctrl+S)</source>
        <translation>Сохранить визит (Ctrl+S)</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Завершить</translation>
    </message>
    <message>
        <source>Save and mark the visit done (Ctrl+Shift+D)</source>
        <translation>Сохранить и отметить визит проведённым (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation>Подписать…</translation>
    </message>
    <message>
        <source>Sign the done visit; signing is final (Ctrl+Shift+S)</source>
        <translation>Подписать проведённый визит; подпись окончательна (Ctrl+Shift+S)</translation>
    </message>
</context>
<context>
    <name>VisitActions</name>
    <message>
        <source>Mark visit &amp;done</source>
        <translation>Отметить визит &amp;проведённым</translation>
    </message>
    <message>
        <source>&amp;Sign visit…</source>
        <translation>&amp;Подписать визит…</translation>
    </message>
    <message>
        <source>Add product &amp;line</source>
        <translation>Добавить &amp;строку препарата</translation>
    </message>
    <message>
        <source>Add &amp;cocktail</source>
        <translation>Добавить &amp;коктейль</translation>
    </message>
    <message>
        <source>Add &amp;reaction</source>
        <translation>Добавить &amp;реакцию</translation>
    </message>
    <message>
        <source>&amp;Take volumes from the chart</source>
        <translation>&amp;Взять объёмы со схемы</translation>
    </message>
    <message>
        <source>Today&apos;s &amp;questions…</source>
        <translation>&amp;Вопросы дня…</translation>
    </message>
    <message>
        <source>All &amp;findings…</source>
        <translation>Все &amp;замечания…</translation>
    </message>
    <message>
        <source>Re-check &amp;safety</source>
        <translation>Повторить &amp;проверку безопасности</translation>
    </message>
    <message>
        <source>&amp;Override a contraindication…</source>
        <translation>Противопоказание под &amp;ответственность…</translation>
    </message>
    <message>
        <source>Re&amp;schedule the visit…</source>
        <translation>Пе&amp;ренести визит…</translation>
    </message>
    <message>
        <source>Add addendum</source>
        <translation>Добавить дополнение</translation>
    </message>
    <message>
        <source>Enter the practitioner&apos;s name before signing.</source>
        <translation>Перед подписью укажите имя специалиста.</translation>
    </message>
    <message>
        <source>Sign the visit</source>
        <translation>Подписать визит</translation>
    </message>
    <message>
        <source>Sign the visit of {when} as {who}? A signed visit can no longer be changed; corrections are added as addenda.</source>
        <translation>Подписать визит от {when} от имени {who}? Подписанный визит больше нельзя изменить; исправления вносятся дополнениями.</translation>
    </message>
    <message>
        <source>Visit of {when}</source>
        <translation>Визит {when}</translation>
    </message>
    <message>
        <source>{status} · signed</source>
        <translation>{status} · подписан</translation>
    </message>
    <message>
        <source>new, not saved yet</source>
        <translation>новый, ещё не сохранён</translation>
    </message>
    <message>
        <source>{status} · unsaved changes</source>
        <translation>{status} · есть несохранённые изменения</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>e.g. lidocaine cream 5%, 30 min</source>
        <translation>например, крем с лидокаином 5 %, 30 мин</translation>
    </message>
    <message>
        <source>e.g. chlorhexidine 0.05%</source>
        <translation>например, хлоргексидин 0,05 %</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Процедура</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Дата и время</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation>Специалист</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Метод</translation>
    </message>
    <message>
        <source>Anaesthesia</source>
        <translation>Анестезия</translation>
    </message>
    <message>
        <source>Disinfection</source>
        <translation>Антисептика</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Стоимость</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>Что сделано</translation>
    </message>
    <message>
        <source>+ Area</source>
        <translation>+ Зона</translation>
    </message>
    <message>
        <source>Add an area treated without marks</source>
        <translation>Добавить зону, обработанную без отметок</translation>
    </message>
    <message>
        <source>+ Technique</source>
        <translation>+ Техника</translation>
    </message>
    <message>
        <source>Add a technique used without marks</source>
        <translation>Добавить технику, применённую без отметок</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>Зоны</translation>
    </message>
    <message>
        <source>Techniques</source>
        <translation>Техники</translation>
    </message>
    <message>
        <source>Products used</source>
        <translation>Использованные препараты</translation>
    </message>
    <message>
        <source>Reactions observed</source>
        <translation>Наблюдаемые реакции</translation>
    </message>
    <message>
        <source>Add reaction</source>
        <translation>Добавить реакцию</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation>Реакция</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Тяжесть</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>What you saw and did, advice given</source>
        <translation>Что вы увидели и сделали, какие рекомендации дали</translation>
    </message>
    <message>
        <source>Addenda</source>
        <translation>Дополнения</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <source>Author of the addendum</source>
        <translation>Автор дополнения</translation>
    </message>
    <message>
        <source>A correction or later observation; the signed record stays as it is.</source>
        <translation>Исправление или более позднее наблюдение; подписанная запись остаётся без изменений.</translation>
    </message>
    <message>
        <source>Add addendum</source>
        <translation>Добавить дополнение</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Signed by {who} on {when}. The record is read-only; add an addendum to correct it.</source>
        <translation>Подписано: {who}, {when}. Запись доступна только для чтения; для исправления добавьте дополнение.</translation>
    </message>
    <message>
        <source>{when}, {author}:
{text}</source>
        <translation>{when}, {author}:
{text}</translation>
    </message>
    <message>
        <source>No addenda.</source>
        <translation>Дополнений нет.</translation>
    </message>
    <message>
        <source>Enter the price as a number, such as 3500 or 3500.50.</source>
        <translation>Укажите стоимость числом, например 3500 или 3500,50.</translation>
    </message>
    <message>
        <source>Note on the reaction</source>
        <translation>Примечание к реакции</translation>
    </message>
    <message>
        <source>where, how long</source>
        <translation>где, как долго</translation>
    </message>
    <message>
        <source>Remove the reaction</source>
        <translation>Удалить реакцию</translation>
    </message>
</context>
<context>
    <name>VisitPhotos</name>
    <message>
        <source>Add photos…</source>
        <translation>Добавить…</translation>
    </message>
    <message>
        <source>Or drop photo files here</source>
        <translation>Или перетащите файлы фотографий сюда</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>Сравнить…</translation>
    </message>
    <message>
        <source>Mark on photo</source>
        <translation>Отметки на фото</translation>
    </message>
    <message>
        <source>Place injection marks on the selected photo in the chart (Ctrl+Shift+M)</source>
        <translation>Ставить отметки инъекций на выбранном фото в схеме (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>Mark on the selected photo</source>
        <translation>Отметки на выбранном фото</translation>
    </message>
    <message>
        <source>Remove from the visit</source>
        <translation>Убрать из визита</translation>
    </message>
    <message>
        <source>Photos of the visit</source>
        <translation>Фото визита</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Фото</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>Добавить фотографии</translation>
    </message>
    <message>
        <source>Photos ({patterns})</source>
        <translation>Фотографии ({patterns})</translation>
    </message>
    <message>
        <source>Save the visit first, then add its photos.</source>
        <translation>Сначала сохраните визит, затем добавьте фотографии.</translation>
    </message>
    <message>
        <source>Adding {count} photo(s)…</source>
        <translation>Добавление фотографий: {count}…</translation>
    </message>
    <message>
        <source>{count} photo(s) added.</source>
        <translation>Добавлено фотографий: {count}.</translation>
    </message>
    <message>
        <source>The photos could not be added; nothing was saved.</source>
        <translation>Не удалось добавить фотографии; ничего не сохранено.</translation>
    </message>
    <message>
        <source>{kind} · {view}</source>
        <translation>{kind} · {view}</translation>
    </message>
    <message>
        <source>Taken {when}</source>
        <translation>Снято {when}</translation>
    </message>
    <message>
        <source>Added after the visit was signed</source>
        <translation>Добавлено после подписания визита</translation>
    </message>
    <message>
        <source>The photo&apos;s file is not in this computer&apos;s data folder</source>
        <translation>Файла фотографии нет в папке данных этого компьютера</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Убрать фотографию</translation>
    </message>
    <message>
        <source>Remove this {kind} photo from the visit?</source>
        <translation>Убрать фото «{kind}» из визита?</translation>
    </message>
</context>
<context>
    <name>VisitTab</name>
    <message>
        <source>Open a visit on the Visits tab, or press Ctrl+T to start today&apos;s visit.</source>
        <translation>Откройте визит на вкладке «Визиты» или нажмите Ctrl+T, чтобы начать визит сегодня.</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Face</source>
        <translation>Лицо</translation>
    </message>
    <message>
        <source>Eyes (periorbital)</source>
        <translation>Периорбитальная зона</translation>
    </message>
    <message>
        <source>Nose and nasolabial folds</source>
        <translation>Нос и носогубные складки</translation>
    </message>
    <message>
        <source>Lips</source>
        <translation>Губы</translation>
    </message>
    <message>
        <source>Chin</source>
        <translation>Подбородок</translation>
    </message>
    <message>
        <source>Neck</source>
        <translation>Шея</translation>
    </message>
    <message>
        <source>Décolleté</source>
        <translation>Декольте</translation>
    </message>
    <message>
        <source>Hair and scalp</source>
        <translation>Волосистая часть головы</translation>
    </message>
    <message>
        <source>Hands</source>
        <translation>Кисти рук</translation>
    </message>
    <message>
        <source>Stomach</source>
        <translation>Живот</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Спина</translation>
    </message>
    <message>
        <source>Hips and buttocks</source>
        <translation>Бёдра и ягодицы</translation>
    </message>
    <message>
        <source>Legs</source>
        <translation>Ноги</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Тело</translation>
    </message>
    <message>
        <source>Vascular (spine scheme)</source>
        <translation>Сосудистая (схема по позвоночнику)</translation>
    </message>
    <message>
        <source>Wrinkles</source>
        <translation>Морщины</translation>
    </message>
    <message>
        <source>Prevention of aging</source>
        <translation>Профилактика старения</translation>
    </message>
    <message>
        <source>Dehydration</source>
        <translation>Обезвоженность кожи</translation>
    </message>
    <message>
        <source>Face oval</source>
        <translation>Овал лица</translation>
    </message>
    <message>
        <source>Pigmentation</source>
        <translation>Пигментация</translation>
    </message>
    <message>
        <source>Acne</source>
        <translation>Акне</translation>
    </message>
    <message>
        <source>Acne, severe</source>
        <translation>Акне, тяжёлая форма</translation>
    </message>
    <message>
        <source>Post-acne</source>
        <translation>Постакне</translation>
    </message>
    <message>
        <source>Seborrhoea</source>
        <translation>Себорея</translation>
    </message>
    <message>
        <source>Rosacea</source>
        <translation>Розацеа</translation>
    </message>
    <message>
        <source>Scars</source>
        <translation>Рубцы</translation>
    </message>
    <message>
        <source>Stretch marks</source>
        <translation>Растяжки</translation>
    </message>
    <message>
        <source>Cellulite</source>
        <translation>Целлюлит</translation>
    </message>
    <message>
        <source>Fat deposits</source>
        <translation>Жировые отложения</translation>
    </message>
    <message>
        <source>Alopecia</source>
        <translation>Алопеция</translation>
    </message>
    <message>
        <source>Bags under the eyes</source>
        <translation>Мешки под глазами</translation>
    </message>
    <message>
        <source>Vascular / osteochondrosis</source>
        <translation>Сосудистая терапия / остеохондроз</translation>
    </message>
    <message>
        <source>Vitamin</source>
        <translation>Витамины</translation>
    </message>
    <message>
        <source>Vascular</source>
        <translation>Сосудистые</translation>
    </message>
    <message>
        <source>Lifting</source>
        <translation>Лифтинговые</translation>
    </message>
    <message>
        <source>Anti-inflammatory</source>
        <translation>Противовоспалительные</translation>
    </message>
    <message>
        <source>Lipolytic</source>
        <translation>Липолитики</translation>
    </message>
    <message>
        <source>Hyaluronic acid</source>
        <translation>Гиалуроновая кислота</translation>
    </message>
    <message>
        <source>Antibiotic</source>
        <translation>Антибиотики</translation>
    </message>
    <message>
        <source>Anaesthetic</source>
        <translation>Анестетики</translation>
    </message>
    <message>
        <source>Plant extract</source>
        <translation>Растительные экстракты</translation>
    </message>
    <message>
        <source>Mineral</source>
        <translation>Минералы</translation>
    </message>
    <message>
        <source>Animal origin</source>
        <translation>Животного происхождения</translation>
    </message>
    <message>
        <source>Acid</source>
        <translation>Кислоты</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Прочее</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Русский</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Английский</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Ручной</translation>
    </message>
    <message>
        <source>Injector gun</source>
        <translation>Мезоинжектор</translation>
    </message>
    <message>
        <source>Non-injection</source>
        <translation>Безынъекционный</translation>
    </message>
    <message>
        <source>Mesoscooter (home)</source>
        <translation>Мезороллер (дома)</translation>
    </message>
    <message>
        <source>Redness</source>
        <translation>Покраснение</translation>
    </message>
    <message>
        <source>Swelling</source>
        <translation>Отёк</translation>
    </message>
    <message>
        <source>Bruising / haematoma</source>
        <translation>Синяк / гематома</translation>
    </message>
    <message>
        <source>Papules</source>
        <translation>Папулы</translation>
    </message>
    <message>
        <source>Itching</source>
        <translation>Зуд</translation>
    </message>
    <message>
        <source>Pain / burning</source>
        <translation>Боль / жжение</translation>
    </message>
    <message>
        <source>Nodules / seals</source>
        <translation>Уплотнения</translation>
    </message>
    <message>
        <source>Allergic reaction</source>
        <translation>Аллергическая реакция</translation>
    </message>
    <message>
        <source>Discoloration</source>
        <translation>Изменение цвета кожи</translation>
    </message>
    <message>
        <source>Mild</source>
        <translation>Лёгкая</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Умеренная</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>Выраженная</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Женский</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Мужской</translation>
    </message>
    <message>
        <source>Not stated</source>
        <translation>Не указан</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Нормальная</translation>
    </message>
    <message>
        <source>Dry</source>
        <translation>Сухая</translation>
    </message>
    <message>
        <source>Oily</source>
        <translation>Жирная</translation>
    </message>
    <message>
        <source>Combination</source>
        <translation>Комбинированная</translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation>Чувствительная</translation>
    </message>
    <message>
        <source>Pinpoint (point by point)</source>
        <translation>Точечная (по точкам)</translation>
    </message>
    <message>
        <source>Nappage, superficial</source>
        <translation>Наппаж поверхностный</translation>
    </message>
    <message>
        <source>Nappage, middle</source>
        <translation>Наппаж средний</translation>
    </message>
    <message>
        <source>Nappage, deep</source>
        <translation>Наппаж глубокий</translation>
    </message>
    <message>
        <source>Papular</source>
        <translation>Папульная</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>Линейная</translation>
    </message>
    <message>
        <source>Infiltration</source>
        <translation>Инфильтрационная</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Запланирован</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменён</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Неявка</translation>
    </message>
</context>
<context>
    <name>Zones</name>
    <message>
        <source>Outside zones</source>
        <translation>Вне зон</translation>
    </message>
</context>
</TS>
