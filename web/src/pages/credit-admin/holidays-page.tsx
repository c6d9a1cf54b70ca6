import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { type HolidayDays, holidaysApi } from '../../api/credit-admin';
import { errorText, useT } from '../../i18n';

type Day = HolidayDays[number];

const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];

/** The working-day calendar (credit.md §4.2): per year, State Council holidays and make-up working days. */
export default function HolidaysPage() {
  const t = useT();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const years = useQuery({ queryKey: ['credit-holiday-years'], queryFn: holidaysApi.years });
  const [year, setYear] = useState<number | null>(null);
  const [newYear, setNewYear] = useState<number | null>(null);
  useEffect(() => {
    if (year === null && years.data?.length) setYear(years.data[years.data.length - 1]!.year);
  }, [year, years.data]);
  const data = useQuery({
    queryKey: ['credit-holidays', year],
    queryFn: () => holidaysApi.year(year!),
    enabled: year !== null,
  });
  const [days, setDays] = useState<Day[]>([]);
  useEffect(() => {
    if (data.data) setDays(data.data.days.map((d) => ({ day: d.day, kind: d.kind, name: d.name })));
  }, [data.data]);
  const save = useMutation({
    mutationFn: () =>
      holidaysApi.put(
        year!,
        [...days].sort((a, b) => a.day.localeCompare(b.day)),
      ),
    onSuccess: () => {
      message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: ['credit-holidays', year] });
      void queryClient.invalidateQueries({ queryKey: ['credit-holiday-years'] });
    },
  });

  const stored = data.data?.days ?? [];
  const key = (d: Day) => `${d.day}|${d.kind}|${d.name ?? ''}`;
  const storedKeys = new Set(stored.map((d) => key({ day: d.day, kind: d.kind, name: d.name })));
  const nowKeys = new Set(days.map(key));
  const added = days.filter((d) => !storedKeys.has(key(d))).length;
  const removed = stored.filter((d) => !nowKeys.has(key({ day: d.day, kind: d.kind, name: d.name }))).length;
  const dirty = added + removed > 0;
  const dup = days.find((d, i) => days.findIndex((o) => o.day === d.day) !== i);
  const wrongYear = days.find((d) => !d.day.startsWith(`${year}-`));
  const weekday = (day: string) => dayjs(day).day();
  const update = (i: number, patch: Partial<Day>) => setDays(days.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  const confirmSave = () =>
    modal.confirm({
      title: t('ca.hol.confirmTitle', { year: year ?? '' }),
      content: t('ca.hol.confirmText', {
        holidays: days.filter((d) => d.kind === 'holiday').length,
        workdays: days.filter((d) => d.kind === 'workday').length,
        added,
        removed,
      }),
      onOk: () => save.mutateAsync(),
    });

  const yearOptions = [
    ...(years.data ?? []).map((y) => y.year),
    ...(newYear && !years.data?.some((y) => y.year === newYear) ? [newYear] : []),
  ];
  return (
    <>
      <Typography.Title level={3}>{t('ca.hol.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('ca.hol.help')}</Typography.Paragraph>
      {(years.error ?? data.error ?? save.error) && (
        <Alert
          type="error"
          showIcon
          title={errorText(t, years.error ?? data.error ?? save.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={year ?? undefined}
          onChange={(y) => setYear(y)}
          style={{ width: 200 }}
          aria-label={t('ca.hol.year')}
          options={yearOptions.map((y) => {
            const s = years.data?.find((x) => x.year === y);
            return { value: y, label: s ? t('ca.hol.yearOpt', { year: y, h: s.holidays, w: s.workdays }) : String(y) };
          })}
        />
        <InputNumber
          min={1990}
          max={2100}
          placeholder={t('ca.hol.newYear')}
          value={newYear}
          onChange={setNewYear}
          style={{ width: 130 }}
        />
        <Button disabled={!newYear} onClick={() => newYear && setYear(newYear)}>
          {t('ca.hol.openYear')}
        </Button>
      </Space>
      {year !== null && (
        <>
          <Space style={{ marginBottom: 8 }}>
            <Button onClick={() => setDays([...days, { day: `${year}-01-01`, kind: 'holiday', name: null }])}>
              {t('ca.hol.add')}
            </Button>
            <Button
              type="primary"
              disabled={!dirty || !!dup || !!wrongYear}
              loading={save.isPending}
              onClick={confirmSave}
            >
              {t('common.save')}
            </Button>
            {dirty && <Typography.Text type="warning">{t('ca.hol.unsaved', { added, removed })}</Typography.Text>}
          </Space>
          {dup && <Alert type="error" showIcon title={t('ca.hol.dup', { day: dup.day })} style={{ marginBottom: 8 }} />}
          {wrongYear && (
            <Alert
              type="error"
              showIcon
              title={t('ca.hol.wrongYear', { day: wrongYear.day, year })}
              style={{ marginBottom: 8 }}
            />
          )}
          <Table<Day & { i: number }>
            rowKey="i"
            size="small"
            loading={data.isLoading}
            pagination={false}
            dataSource={days.map((d, i) => ({ ...d, i }))}
            locale={{ emptyText: t('ca.hol.empty') }}
            columns={[
              {
                title: t('ca.hol.day'),
                dataIndex: 'day',
                width: 220,
                render: (v: string, r) => (
                  <Space>
                    <DatePicker
                      value={dayjs(v)}
                      allowClear={false}
                      onChange={(d) => d && update(r.i, { day: d.format('YYYY-MM-DD') })}
                    />
                    <Typography.Text type="secondary">
                      {t.lang === 'en' ? dayjs(v).format('ddd') : `周${WEEKDAY_ZH[weekday(v)]}`}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('ca.hol.kind'),
                dataIndex: 'kind',
                width: 180,
                render: (v: Day['kind'], r) => (
                  <Select
                    value={v}
                    style={{ width: 150 }}
                    onChange={(k) => update(r.i, { kind: k })}
                    options={[
                      { value: 'holiday', label: <Tag color="red">{t('ca.hol.holiday')}</Tag> },
                      { value: 'workday', label: <Tag color="blue">{t('ca.hol.workday')}</Tag> },
                    ]}
                  />
                ),
              },
              {
                title: t('ca.hol.name'),
                dataIndex: 'name',
                render: (v: string | null, r) => (
                  <Input
                    value={v ?? ''}
                    maxLength={40}
                    onChange={(e) => update(r.i, { name: e.target.value || null })}
                    style={{ maxWidth: 240 }}
                  />
                ),
              },
              {
                title: t('ca.hol.note'),
                key: 'note',
                render: (_, r) => {
                  const wd = weekday(r.day);
                  const weekend = wd === 0 || wd === 6;
                  if (r.kind === 'workday' && !weekend)
                    return <Typography.Text type="warning">{t('ca.hol.workdayOnWeekday')}</Typography.Text>;
                  if (r.kind === 'holiday' && weekend)
                    return <Typography.Text type="secondary">{t('ca.hol.holidayOnWeekend')}</Typography.Text>;
                  return null;
                },
              },
              {
                title: t('common.actions'),
                key: 'a',
                width: 80,
                render: (_, r) => (
                  <Button size="small" danger onClick={() => setDays(days.filter((_, j) => j !== r.i))}>
                    {t('ca.hol.remove')}
                  </Button>
                ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
