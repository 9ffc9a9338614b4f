import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../server/config.ts';
import { migrate, openDatabase } from '../server/db/database.ts';
import { startServer } from '../server/main.ts';
import * as accounts from '../server/modules/accounts/accounts.service.ts';
import * as assessment from '../server/modules/assessment/assessment.service.ts';
import { rebuildAggregates, registerMonitoring } from '../server/modules/monitoring/aggregates.service.ts';
import { recordActuals } from '../server/modules/monitoring/indicators.figures.ts';
import { sendDigests } from '../server/modules/notifications/notifications.service.ts';
import * as org from '../server/modules/org/org.service.ts';
import * as people from '../server/modules/people/people.service.ts';
import { registerPractice } from '../server/modules/practice/practice.events.ts';
import { registerRecognition } from '../server/modules/recognition/awards.service.ts';
import { foldEveryRound } from '../server/modules/surveys/tally.ts';
import { ROLES, type Role } from '../server/shared/access.ts';
import { systemBase } from '../server/shared/context.ts';
import { AppError } from '../server/shared/errors.ts';
import { startMailSender } from '../server/shared/mail.ts';
import { registerBenchCommand } from './bench/bench.ts';
import { registerBenchWebCommand } from './bench/web.ts';
import { registerBuildReport } from './build-report.ts';
import { systemCtx } from './context.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_TENANT, seedDemo } from './demo.ts';
import { REGIONAL_LOGIN, seedSecondCountry } from './demo-second-country.ts';
import { registerDoctorCommand } from './doctor.ts';
import { registerExchangeCommands } from './exchange.ts';
import { registerFrameworkCommands } from './framework.ts';
import { registerImportCommands } from './import.ts';
import { registerMaintenanceCommand } from './maintenance.ts';
import { registerOpsCommands } from './ops.ts';
import { progressBar } from './progress.ts';
import { registerTenantCommands } from './tenant.ts';
import { registerTranslationCommands } from './translations.ts';

registerMonitoring();
registerPractice();
registerRecognition();
const program = new Command('pathway').description('Pathway: competency-based teacher ICT training reform.');
program.option(
  '--database <location>',
  'SQLite file or postgres:// URL (default: PATHWAY_DATABASE or ./data/pathway.sqlite)',
);

const positiveInt = (value: string) => {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('Give a whole number.');
  return n;
};

function config() {
  const cfg = loadConfig();
  const location = program.opts<{ database?: string }>().database;
  return location ? { ...cfg, database: location } : cfg;
}

/** Opens and migrates the configured database, runs `work`, closes. */
async function withDatabase<T>(work: (database: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const database = openDatabase(config().database);
  try {
    await migrate(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

export function printDemoLogins() {
  console.log(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
  for (const login of DEMO_LOGINS)
    console.log(`  ${login.username.padEnd(11)} ${login.role.padEnd(17)} ${login.where}`);
  // The regional office is a tenant of its own, which Meridia's ministry shares its figures with.
  console.log(`  ${REGIONAL_LOGIN} regional_analyst  the regional office (compares the countries that share)`);
}

program
  .command('serve')
  .description('Migrate the database and serve the API and the web app.')
  .option('--demo-if-empty', 'Seed the demo country when the database has no tenant')
  .option('--teachers <n>', 'Teachers in the demo country', positiveInt, 2000)
  .action(async (opts: { demoIfEmpty?: boolean; teachers: number }) => {
    const cfg = config();
    const database = openDatabase(cfg.database);
    await migrate(database);
    const base = systemBase(database);
    if (opts.demoIfEmpty && (await org.listTenants(base)).length === 0) {
      console.log(`Empty database: seeding the demo country with ${opts.teachers} teachers...`);
      await seedDemo(database, { teachers: opts.teachers });
    }
    const { url } = await startServer(cfg, database);
    // Sends the mail outbox every 30 s and soon after each new mail (shared/mail.ts).
    startMailSender(database.db);
    console.log(`\nPathway is running at ${url} (database: ${database.dialect})`);
    if ((await org.findTenantByCode(base, DEMO_TENANT)) !== undefined) printDemoLogins();
  });

program
  .command('demo')
  .description('Seed the fictional demo country (into an empty tenant code "demo").')
  .option('--teachers <n>', 'How many teachers', positiveInt, 2000)
  .option('--tenant <code>', 'Seed a further, smaller demo country into this new tenant instead')
  .option('--country <name>', "The further country's name (with --tenant)", 'Republic of Solvara')
  .action((opts: { teachers: number; tenant?: string; country: string }) =>
    withDatabase(async (database) => {
      if (opts.tenant) {
        const second = await seedSecondCountry(database, { code: opts.tenant, name: opts.country });
        console.log(`Seeded ${second.teachers} teachers in ${second.schools} schools of ${opts.country}.`);
        console.log(`Its ministry signs in as ${second.login} (password ${DEMO_PASSWORD}).`);
        return;
      }
      const bar = progressBar('teachers');
      bar.start(opts.teachers, 0);
      const result = await seedDemo(database, { teachers: opts.teachers, onProgress: (done) => bar.update(done) });
      bar.stop();
      console.log(`Seeded ${result.teachers} teachers in ${result.schools} schools and ${result.districts} districts.`);
      printDemoLogins();
    }),
  );

const user = program.command('user').description('Accounts.');
user
  .command('create')
  .description(
    'Create a sign-in for an existing person (by national id) with one role at an org unit (by code); ' +
      'like an account an administrator creates, its holder sets a new password at first sign-in.',
  )
  .requiredOption('--tenant <code>', 'Tenant code')
  .requiredOption('--national-id <id>', "The person's national id")
  .requiredOption('--username <name>')
  .requiredOption('--role <role>', `One of ${ROLES.join(', ')}`)
  .requiredOption('--unit <code>', 'Org unit code where the role applies')
  .option('--password <password>', 'Initial password (default: read PATHWAY_PASSWORD)')
  .action(
    (opts: { tenant: string; nationalId: string; username: string; role: string; unit: string; password?: string }) =>
      withDatabase(async (database) => {
        const ctx = await systemCtx(database, opts.tenant);
        if (!ROLES.includes(opts.role as Role)) throw new AppError('validation_failed', `Unknown role ${opts.role}.`);
        const person = await people.findByNationalId(ctx, opts.nationalId);
        const unit = await org.findUnitByCode(ctx, opts.unit);
        const password = opts.password ?? process.env.PATHWAY_PASSWORD;
        if (!password) throw new AppError('validation_failed', 'Give --password or set PATHWAY_PASSWORD.');
        const account = await accounts.createAccount(
          ctx,
          {
            personId: person.id,
            username: opts.username.toLowerCase(),
            password,
            roles: [{ role: opts.role as Role, orgUnitId: unit.id }],
          },
          { mustChangePassword: true },
        );
        console.log(`Created account ${account.username} (${account.id}) as ${opts.role} at ${opts.unit}.`);
      }),
  );

program
  .command('rebuild-status')
  .description('Recompute every competency status of a tenant from the assessment ledger.')
  .requiredOption('--tenant <code>', 'Tenant code')
  .action((opts: { tenant: string }) =>
    withDatabase(async (database) => {
      const started = performance.now();
      const { rows } = await assessment.rebuildStatus(await systemCtx(database, opts.tenant));
      console.log(`Rebuilt ${rows} competency statuses in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    }),
  );

program
  .command('send-digests')
  .description(
    'Mail each person the notifications waiting for their daily digest (run once a day), then send the outbox.',
  )
  .action(() =>
    withDatabase(async (database) => {
      const { digests, sent, failed } = await sendDigests(database.db);
      console.log(`${digests} digest(s) written; ${sent} mail(s) sent, ${failed} waiting for a retry.`);
    }),
  );

program
  .command('rebuild-aggregates')
  .description('Recompute the live figures per org unit (teachers, levels per competency) from people and statuses.')
  .requiredOption('--tenant <code>', 'Tenant code')
  .action((opts: { tenant: string }) =>
    withDatabase(async (database) => {
      const started = performance.now();
      await rebuildAggregates(await systemCtx(database, opts.tenant));
      console.log(`Rebuilt the aggregates in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    }),
  );

program
  .command('fold-tallies')
  .description(
    "Count every survey response still waiting into its round's results (after an upgrade that clears them).",
  )
  .requiredOption('--tenant <code>', 'Tenant code')
  .action((opts: { tenant: string }) =>
    withDatabase(async (database) => {
      const started = performance.now();
      const rounds = await foldEveryRound(await systemCtx(database, opts.tenant));
      console.log(
        `Counted the waiting responses of ${rounds} round(s) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
    }),
  );

program
  .command('record-actuals')
  .description("Record a closed year's indicator figures for every unit (what progress lines show for past years).")
  .requiredOption('--tenant <code>', 'Tenant code')
  .requiredOption('--year <year>', 'The year closed, e.g. 2026', positiveInt)
  .action((opts: { tenant: string; year: number }) =>
    withDatabase(async (database) => {
      const { recorded } = await recordActuals(await systemCtx(database, opts.tenant), opts.year);
      console.log(`Recorded ${recorded} figures for ${opts.year}.`);
    }),
  );

registerImportCommands(program, withDatabase);
registerTenantCommands(program, withDatabase);
registerExchangeCommands(program, withDatabase);
registerFrameworkCommands(program, withDatabase);
registerTranslationCommands(program, withDatabase);
registerOpsCommands(program, config);
registerMaintenanceCommand(program, withDatabase);
registerBenchCommand(program, positiveInt);
registerBenchWebCommand(program);
registerDoctorCommand(program, config);
registerBuildReport(program, loadConfig().webDir);

program.parseAsync().catch((error: unknown) => {
  if (error instanceof AppError) {
    console.error(`error ${error.code}: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
