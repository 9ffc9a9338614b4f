/** The server the PostgreSQL half of the suite uses; each test file gets its own schema in it. */
export const TEST_POSTGRES_URL = process.env.PATHWAY_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
