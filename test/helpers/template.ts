/** The instant the template database was seeded at; test clocks start here. */
export const TEST_EPOCH = '2026-11-25T02:00:00.000Z';

export interface TestTemplate {
  dialect: 'sqlite' | 'postgres';
  root: string;
  secretsFile: string;
  databaseUrl: string;
  adminUrl: string;
  templateName: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testTemplate: TestTemplate;
  }
}
