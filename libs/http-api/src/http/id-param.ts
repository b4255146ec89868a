import { BadRequestException, Param, PipeTransform } from '@nestjs/common';

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

class IdentifierPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!IDENTIFIER.test(value)) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`${this.name} must be 1-64 letters, digits, dots, dashes or underscores`] });
    }
    return value;
  }
}

/** A route parameter that names an aggregate: validated like the ids in request bodies. */
export const IdParam = (name: string) => Param(name, new IdentifierPipe(name));
