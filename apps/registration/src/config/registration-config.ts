/** The validated RegistrationEnv, injectable by this token. */
export const REGISTRATION_CONFIG = Symbol('REGISTRATION_CONFIG');
